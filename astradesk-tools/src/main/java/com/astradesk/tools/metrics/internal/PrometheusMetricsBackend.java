package com.astradesk.tools.metrics.internal;

import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.metrics.Metric;
import com.astradesk.tools.metrics.MetricsBackend;
import com.astradesk.tools.metrics.PrometheusConfig;
import com.astradesk.tools.metrics.ServiceMetrics;
import com.astradesk.tools.support.internal.HttpJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Reads metrics from Prometheus' instant-query API ({@code GET /api/v1/query?query=...}), running the
 * configured PromQL queries in parallel. An empty result or {@code NaN} is "no data", not zero. Non-2xx
 * answers, {@code "status": "error"}, timeouts and malformed JSON become
 * {@link com.astradesk.core.tool.ToolFailureException}s that name neither the URL nor the body. Thread-safe.
 */
public final class PrometheusMetricsBackend implements MetricsBackend {
    /** The {@code source} of these metrics. */
    public static final String SOURCE = "prometheus";

    private static final Pattern ERROR_TYPE = Pattern.compile("^[a-z_]{1,32}$");

    private final PrometheusConfig config;
    private final HttpJson http;
    private final URI queryEndpoint;
    private final Clock clock;

    public PrometheusMetricsBackend(PrometheusConfig config) {
        this(config, Clock.systemUTC());
    }

    public PrometheusMetricsBackend(PrometheusConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new HttpJson(
                BuiltinTools.GET_METRICS,
                "Prometheus",
                config.timeout(),
                config.bearerToken().map(t -> "Bearer " + t));
        this.queryEndpoint = HttpJson.resolve(config.baseUrl(), "/api/v1/query");
    }

    @Override
    public ServiceMetrics fetch(String service, Duration window) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(window, "window");
        // every query is evaluated at the same instant, so the metrics are one consistent snapshot
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String time = BigDecimal.valueOf(at.toEpochMilli(), 3).toPlainString();
        String selector = config.selector(service);
        var pending = new LinkedHashMap<String, CompletableFuture<HttpJson.Response>>();
        for (Map.Entry<String, String> q : config.queries().entrySet()) {
            String promql = render(q.getValue(), selector, window);
            pending.put(
                    q.getKey(),
                    http.getAsync(HttpJson.withQuery(queryEndpoint, Map.of("query", promql, "time", time)), false));
        }
        List<Metric> metrics = new ArrayList<>();
        try {
            for (Map.Entry<String, CompletableFuture<HttpJson.Response>> p : pending.entrySet()) {
                metrics.add(new Metric(p.getKey(), value(http.await(p.getValue()))));
            }
        } finally {
            pending.values().forEach(f -> f.cancel(true));
        }
        return new ServiceMetrics(
                service,
                window,
                SOURCE,
                at,
                metrics,
                Map.of("queries", List.copyOf(config.queries().keySet())));
    }

    /** The template with {@code {service}} replaced by the label matchers and {@code {window}} by the window. */
    public static String render(String template, String selector, Duration window) {
        return template.replace("{service}", selector).replace("{window}", window.toSeconds() + "s");
    }

    private OptionalDouble value(HttpJson.Response response) {
        JsonNode body = response.body();
        String status = body.path("status").asText("");
        if ("error".equals(status)) {
            String type = body.path("errorType").asText("");
            throw http.backendError(ERROR_TYPE.matcher(type).matches() ? type : "unknown");
        }
        http.checkStatus(response.status());
        if (!"success".equals(status)) {
            throw http.unexpected("no status");
        }
        JsonNode data = body.path("data");
        String resultType = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        return switch (resultType) {
            case "vector" -> {
                if (!result.isArray()) {
                    throw http.unexpected("vector result is not an array");
                }
                yield result.isEmpty()
                        ? OptionalDouble.empty()
                        : sample(result.get(0).path("value"));
            }
            case "scalar" -> sample(result);
            default -> throw http.unexpected("result type '" + safe(resultType) + "'");
        };
    }

    private OptionalDouble sample(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2) {
            throw http.unexpected("sample is not [time, value]");
        }
        String raw = pair.get(1).asText("");
        try {
            double v = Double.parseDouble(raw);
            return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            throw http.unexpected("sample value is not a number");
        }
    }

    private static String safe(String s) {
        return s.length() > 16 || !s.matches("[a-zA-Z]*") ? "?" : s;
    }
}
