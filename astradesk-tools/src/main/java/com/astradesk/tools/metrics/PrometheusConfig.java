package com.astradesk.tools.metrics;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Prometheus and what to ask it. Each query is a PromQL template in which {@code {service}} is
 * replaced by the catalog name (escaped for a label value) and {@code {window}} by the window as a PromQL
 * duration (e.g. {@code 900s}); each should aggregate to one series. Immutable; {@link #toString()} hides the
 * token.
 *
 * @param baseUrl     Prometheus' base URL, e.g. {@code http://prometheus:9090}
 * @param timeout     connect and per-query timeout
 * @param bearerToken a token sent as {@code Authorization: Bearer ...}, if Prometheus needs one
 * @param queries     metric name → PromQL template, in result order
 */
public record PrometheusConfig(
        URI baseUrl, Duration timeout, Optional<String> bearerToken, Map<String, String> queries) {

    /** Request rate, 5xx error ratio and p95 latency from the usual {@code http_*} metrics, per {@code service}. */
    public static final Map<String, String> DEFAULT_QUERIES = defaultQueries();

    public PrometheusConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("baseUrl must be an http or https URL");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        bearerToken = Objects.requireNonNullElse(bearerToken, Optional.empty());
        Objects.requireNonNull(queries, "queries");
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("queries must not be empty");
        }
        queries = Collections.unmodifiableMap(new LinkedHashMap<>(queries));
    }

    /** A config for this base URL with a 5 s timeout, no token and {@link #DEFAULT_QUERIES}. */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    @Override
    public String toString() {
        return "PrometheusConfig[host=" + baseUrl.getHost() + ", timeout=" + timeout + ", bearerToken="
                + (bearerToken.isPresent() ? "***" : "none") + ", queries=" + queries.keySet() + "]";
    }

    private static Map<String, String> defaultQueries() {
        var m = new LinkedHashMap<String, String>();
        m.put("request_rate_per_second", "sum(rate(http_requests_total{service=\"{service}\"}[{window}]))");
        m.put(
                "error_ratio",
                "sum(rate(http_requests_total{service=\"{service}\",status=~\"5..\"}[{window}]))"
                        + " / sum(rate(http_requests_total{service=\"{service}\"}[{window}]))");
        m.put(
                "p95_latency_seconds",
                "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket"
                        + "{service=\"{service}\"}[{window}])))");
        return Collections.unmodifiableMap(m);
    }

    /** Fluent builder; fails fast naming the bad parameter. Not thread-safe. */
    public static final class Builder {
        private final URI baseUrl;
        private Duration timeout = Duration.ofSeconds(5);
        private Optional<String> bearerToken = Optional.empty();
        private final Map<String, String> queries = new LinkedHashMap<>(DEFAULT_QUERIES);

        private Builder(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        }

        /** Connect and per-query timeout; default 5 s. */
        public Builder withTimeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Sends {@code Authorization: Bearer <token>}. */
        public Builder withBearerToken(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("bearerToken must not be blank");
            }
            this.bearerToken = Optional.of(token);
            return this;
        }

        /** Replaces every query with these (metric name → PromQL template). */
        public Builder withQueries(Map<String, String> queries) {
            Objects.requireNonNull(queries, "queries");
            this.queries.clear();
            queries.forEach(this::withQuery);
            return this;
        }

        /** Adds or replaces one query. */
        public Builder withQuery(String metricName, String promqlTemplate) {
            if (metricName == null || !metricName.matches("^[a-z][a-z0-9_]*$")) {
                throw new IllegalArgumentException("metricName must be snake_case, was " + metricName);
            }
            if (promqlTemplate == null || promqlTemplate.isBlank()) {
                throw new IllegalArgumentException("promqlTemplate of " + metricName + " must not be blank");
            }
            queries.put(metricName, promqlTemplate);
            return this;
        }

        public PrometheusConfig build() {
            return new PrometheusConfig(baseUrl, timeout, bearerToken, queries);
        }
    }
}
