package com.astradesk.server.config;

import com.astradesk.core.config.EnvReader;
import com.astradesk.tools.restart.KubernetesRestartConfig;
import com.astradesk.tools.weather.WeatherConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * The systems the built-in tools act on; whatever is not configured stays embedded (and says so). Immutable.
 *
 * @param services the service catalog with each service's metric selector and Deployment
 *                 ({@code SERVICE_CATALOG_FILE})
 * @param tickets  where tickets live ({@code TICKETS_BACKEND}, {@code JIRA_*})
 * @param metrics  where metrics come from ({@code PROMETHEUS_URL}, {@code METRICS_QUERIES_FILE})
 * @param restarts the Kubernetes restart settings ({@code RESTART_EXECUTOR=kubernetes}, {@code K8S_*},
 *                 {@code KUBECONFIG}), empty for the simulated executor
 * @param weather  the Open-Meteo endpoints ({@code WEATHER_URL}), empty when turned off with {@code none}
 */
public record ToolBackendsConfig(
        ServiceCatalogConfig services,
        TicketsConfig tickets,
        MetricsConfig metrics,
        Optional<KubernetesRestartConfig> restarts,
        Optional<WeatherConfig> weather) {
    public ToolBackendsConfig {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(metrics, "metrics");
        restarts = Objects.requireNonNullElse(restarts, Optional.empty());
        weather = Objects.requireNonNullElse(weather, Optional.empty());
    }

    static ToolBackendsConfig from(EnvReader env, StoreConfig store) {
        boolean database = store != null && store.databaseUrl().isPresent();
        ServiceCatalogConfig services = ServiceCatalogConfig.from(env);
        return new ToolBackendsConfig(
                services,
                TicketsConfig.from(env, database),
                MetricsConfig.from(env, services),
                RestartSettings.from(env, services),
                WeatherSettings.from(env));
    }
}
