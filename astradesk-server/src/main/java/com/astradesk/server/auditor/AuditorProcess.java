package com.astradesk.server.auditor;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code auditor} deployment: the {@link Auditor} worker plus {@code GET /healthz} (always 200),
 * {@code GET /metrics} (Prometheus) and {@code GET /readyz} (200 while the NATS connection is up, else 503) for the Kubernetes probes. Runs until
 * the JVM is asked to stop; un-acked messages are re-delivered to the next instance. Not thread-safe.
 */
public final class AuditorProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditorProcess.class);

    private final Auditor auditor;
    private final List<AuditArchiveSink> sinks;
    private final HttpServer health;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AuditorProcess(Auditor auditor, List<AuditArchiveSink> sinks, HttpServer health) {
        this.auditor = auditor;
        this.sinks = sinks;
        this.health = health;
    }

    /**
     * Connects, starts the worker and the health endpoints.
     *
     * @throws com.astradesk.core.store.nats.NatsUnavailableException when NATS cannot be reached
     */
    public static AuditorProcess start(AuditorSettings settings) {
        List<AuditArchiveSink> sinks = settings.sinks();
        Auditor auditor = Auditor.connect(settings.auditor(), sinks, new AlertEvaluator(settings.alerts()));
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(settings.healthPort()), 0);
        } catch (IOException e) {
            auditor.close();
            throw new UncheckedIOException("cannot open the health port " + settings.healthPort(), e);
        }
        PrometheusMeterRegistry registry = metrics(auditor);
        http.createContext("/metrics", ex -> respond(ex, 200, registry.scrape()));
        http.createContext("/healthz", ex -> respond(ex, 200, "{\"status\":\"ok\"}"));
        http.createContext(
                "/readyz",
                ex -> respond(
                        ex,
                        auditor.isConnected() ? 200 : 503,
                        auditor.isConnected()
                                ? "{\"status\":\"ready\"}"
                                : "{\"status\":\"unavailable\",\"failing\":[\"nats\"]}"));
        http.start();
        auditor.start();
        LOG.info(
                "auditor consuming {} as {} into {}",
                settings.auditor().nats().subject(),
                settings.auditor().durable(),
                sinks.stream().map(AuditArchiveSink::name).toList());
        return new AuditorProcess(auditor, sinks, http);
    }

    /** Blocks until the JVM shuts down, then stops cleanly. */
    public void awaitShutdown() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            close();
                            stopped.countDown();
                        },
                        "astradesk-auditor-shutdown"));
        stopped.await();
    }

    /** The running worker (metrics, tests). */
    public Auditor auditor() {
        return auditor;
    }

    /** The port the health endpoints listen on. */
    public int healthPort() {
        return health.getAddress().getPort();
    }

    /** Stops the worker, the health endpoints and the sinks. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        health.stop(0);
        auditor.close();
        for (AuditArchiveSink s : sinks) {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("closing sink {} failed", s.name(), e);
                }
            }
        }
    }

    private static PrometheusMeterRegistry metrics(Auditor auditor) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FunctionCounter.builder("astradesk_auditor_events", auditor, Auditor::ackedCount)
                .tag("outcome", "archived")
                .description("audit events stored in every sink and acknowledged")
                .register(registry);
        FunctionCounter.builder("astradesk_auditor_events", auditor, Auditor::nackedCount)
                .tag("outcome", "retried")
                .description("audit events NAKed because a sink failed")
                .register(registry);
        FunctionCounter.builder("astradesk_auditor_events", auditor, Auditor::deadLetteredCount)
                .tag("outcome", "dead_lettered")
                .description("poison messages moved to the dead-letter subject")
                .register(registry);
        Gauge.builder("astradesk_auditor_lag_seconds", auditor, a -> a.lastLag().toMillis() / 1000.0)
                .description("event time to archive time of the last archived event")
                .register(registry);
        return registry;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
