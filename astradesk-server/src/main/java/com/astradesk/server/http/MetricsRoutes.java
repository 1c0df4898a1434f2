package com.astradesk.server.http;

import com.astradesk.server.observability.ServerMetrics;
import io.javalin.config.RoutesConfig;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. No authentication (scrapers rarely carry
 * tokens): restrict it at the network (Kubernetes NetworkPolicy, ingress rule) rather than exposing it publicly.
 */
final class MetricsRoutes {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMetrics metrics;

    MetricsRoutes(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    void register(RoutesConfig routes) {
        routes.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(metrics.scrape()));
    }
}
