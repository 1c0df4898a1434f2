package com.astradesk.server.wiring;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.config.ConfigException;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.server.config.ToolBackendsConfig;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.metrics.MetricsBackend;
import com.astradesk.tools.metrics.PrometheusConfig;
import com.astradesk.tools.restart.KubernetesRestartConfig;
import com.astradesk.tools.restart.RestartExecutor;
import com.astradesk.tools.ticket.TicketBackend;
import com.astradesk.tools.weather.WeatherBackend;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the server chooses the systems the built-in tools act on ({@link ToolBackendsConfig}) and
 * hands them to tool providers through the {@link ToolProviderContext}; providers fall back to their embedded
 * defaults for whatever is left out. Logs each choice once, saying plainly what is simulated. Stateless.
 */
final class ToolBackendWiring {
    private static final Logger LOG = LoggerFactory.getLogger(ToolBackendWiring.class);

    private ToolBackendWiring() {}

    /** The context for {@link com.astradesk.core.spi.ToolProvider}s and the backend clients to close with the server. */
    record ToolBackends(ToolProviderContext context, List<AutoCloseable> resources) implements AutoCloseable {
        @Override
        public void close() {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed: {}", r.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }

    /**
     * The backends the configuration asks for.
     *
     * @throws ConfigException when a backend needs a store that is not open
     */
    static ToolBackends wire(ToolBackendsConfig config, ServerStores stores, ServiceCatalog catalog, Clock clock) {
        LockService locks = stores.ports().locks();
        List<AutoCloseable> resources = new ArrayList<>();
        var context = ToolProviderContext.builder()
                .withService(Clock.class, clock)
                .withService(ServiceCatalog.class, catalog)
                .withService(TicketBackend.class, tickets(config, stores, locks, clock));
        weather(config)
                .ifPresentOrElse(
                        w -> context.withService(WeatherBackend.class, w),
                        () -> context.withDisabledTools(List.of(BuiltinTools.GET_WEATHER)));
        prometheus(config).ifPresent(metrics -> context.withService(MetricsBackend.class, metrics));
        kubernetes(config).ifPresent(restarts -> {
            context.withService(RestartExecutor.class, restarts);
            if (restarts instanceof AutoCloseable closeable) {
                resources.add(closeable);
            }
        });
        return new ToolBackends(context.build(), List.copyOf(resources));
    }

    private static TicketBackend tickets(
            ToolBackendsConfig config, ServerStores stores, LockService locks, Clock clock) {
        return switch (config.tickets().backend()) {
            case MEMORY -> {
                LOG.info("tickets: in this process's memory (lost on restart, not shared by replicas)");
                yield TicketBackend.inMemory(clock);
            }
            case POSTGRES -> {
                var pg = stores.postgres()
                        .orElseThrow(() ->
                                new ConfigException("TICKETS_BACKEND", "TICKETS_BACKEND=postgres needs DATABASE_URL"));
                LOG.info("tickets: PostgreSQL table tickets");
                yield TicketBackend.postgres(pg.dataSource());
            }
            case JIRA -> {
                var jira = config.tickets().jira().orElseThrow();
                LOG.info(
                        "tickets: Jira Cloud project {} at {}",
                        jira.projectKey(),
                        jira.baseUrl().getHost());
                yield TicketBackend.jira(jira, locks);
            }
        };
    }

    /** Prometheus when configured; otherwise the provider's in-process default (it shares its state with restarts). */
    private static Optional<MetricsBackend> prometheus(ToolBackendsConfig config) {
        if (config.metrics().prometheus().isEmpty()) {
            LOG.info("metrics: in-process (this process's uptime and simulated restarts only; set PROMETHEUS_URL)");
            return Optional.empty();
        }
        PrometheusConfig prometheus = config.metrics().prometheus().get();
        LOG.info(
                "metrics: Prometheus at {} ({})",
                prometheus.baseUrl().getHost(),
                prometheus.queries().keySet());
        return Optional.of(MetricsBackend.prometheus(prometheus));
    }

    /** Kubernetes when configured; otherwise the provider's simulated default, which says nothing was restarted. */
    private static Optional<RestartExecutor> kubernetes(ToolBackendsConfig config) {
        if (config.restarts().isEmpty()) {
            LOG.info("restarts: simulated (RESTART_EXECUTOR=simulated); restart_service restarts nothing and says so");
            return Optional.empty();
        }
        KubernetesRestartConfig k8s = config.restarts().get();
        LOG.info(
                "restarts: Kubernetes rollout restart in namespace {} ({})",
                k8s.namespace().orElse("of the service account"),
                k8s.kubeconfig().isPresent() ? "KUBECONFIG" : "in-cluster service account");
        return Optional.of(RestartExecutor.kubernetes(k8s));
    }

    /** Open-Meteo, or nothing when turned off: then get_weather is not registered and no agent offers it. */
    private static Optional<WeatherBackend> weather(ToolBackendsConfig config) {
        if (config.weather().isEmpty()) {
            LOG.info("weather: turned off (WEATHER_URL=none); get_weather is not registered and no agent offers it");
            return Optional.empty();
        }
        LOG.info(
                "weather: Open-Meteo at {}",
                config.weather().get().forecastUrl().getHost());
        return Optional.of(WeatherBackend.http(config.weather().get()));
    }
}
