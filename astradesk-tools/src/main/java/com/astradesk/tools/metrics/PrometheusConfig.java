package com.astradesk.tools.metrics;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How to reach Prometheus and what to ask it. Each query is a PromQL template in which {@code {service}} is
 * replaced by the service's label selector (the matchers inside braces, e.g. {@code job="payments-api"}; see
 * {@link #selector(String)}) and {@code {window}} by the window as a PromQL duration (e.g. {@code 900s}); each
 * should aggregate to one series. Immutable; {@link #toString()} hides the token.
 *
 * @param baseUrl     Prometheus' base URL, e.g. {@code http://prometheus:9090}
 * @param timeout     connect and per-query timeout
 * @param bearerToken a token sent as {@code Authorization: Bearer ...}, if Prometheus needs one
 * @param queries     metric name → PromQL template, in result order
 * @param selectors   service → label matchers; a service without one gets {@code service="<name>"}
 */
public record PrometheusConfig(
        URI baseUrl,
        Duration timeout,
        Optional<String> bearerToken,
        Map<String, String> queries,
        Map<String, String> selectors) {

    /**
     * CPU (cores), memory (bytes), request rate, 5xx error ratio and p95/p99 latency. Each template tries the
     * common exporters in turn with PromQL {@code or}, first match wins: cAdvisor
     * ({@code container_cpu_usage_seconds_total}, {@code container_memory_working_set_bytes}), Prometheus client
     * process metrics ({@code process_cpu_seconds_total}, {@code process_resident_memory_bytes}), Micrometer
     * ({@code process_cpu_time_ns_total}, {@code jvm_memory_used_bytes}, {@code http_server_requests_seconds}),
     * the AstraDesk server's own {@code astradesk_http_server_requests_seconds}, and the Prometheus-client
     * convention {@code http_requests_total} / {@code http_request_duration_seconds}.
     */
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
        selectors = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNullElse(selectors, Map.<String, String>of())));
    }

    /** A config for this base URL with a 5 s timeout, no token, {@link #DEFAULT_QUERIES} and default selectors. */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** The label matchers of a service: the configured ones, else {@code service="<name>"}. */
    public String selector(String service) {
        String configured = selectors.get(service);
        return configured != null
                ? configured
                : "service=\"" + service.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        return "PrometheusConfig[host=" + baseUrl.getHost() + ", timeout=" + timeout + ", bearerToken="
                + (bearerToken.isPresent() ? "***" : "none") + ", queries=" + queries.keySet() + ", selectors="
                + selectors + "]";
    }

    private static Map<String, String> defaultQueries() {
        var m = new LinkedHashMap<String, String>();
        m.put(
                "cpu_cores",
                firstOf(
                        "sum(rate(container_cpu_usage_seconds_total{{service},container!=\"\"}[{window}]))",
                        "sum(rate(process_cpu_seconds_total{{service}}[{window}]))",
                        "sum(rate(process_cpu_time_ns_total{{service}}[{window}])) / 1e9"));
        m.put(
                "memory_bytes",
                firstOf(
                        "sum(avg_over_time(container_memory_working_set_bytes{{service},container!=\"\"}[{window}]))",
                        "sum(avg_over_time(process_resident_memory_bytes{{service}}[{window}]))",
                        "sum(avg_over_time(jvm_memory_used_bytes{{service}}[{window}]))"));
        m.put(
                "request_rate_per_second",
                firstOf(
                        "sum(rate(http_server_requests_seconds_count{{service}}[{window}]))",
                        "sum(rate(astradesk_http_server_requests_seconds_count{{service}}[{window}]))",
                        "sum(rate(http_requests_total{{service}}[{window}]))"));
        m.put(
                "error_ratio",
                firstOf(
                        errorRatio("http_server_requests_seconds_count", "status"),
                        errorRatio("astradesk_http_server_requests_seconds_count", "status"),
                        errorRatio("http_requests_total", "code")));
        m.put("p95_latency_seconds", latency("0.95"));
        m.put("p99_latency_seconds", latency("0.99"));
        return Collections.unmodifiableMap(m);
    }

    /** The 5xx share; no 5xx series yet counts as 0, no traffic at all as no data (0/0). */
    private static String errorRatio(String counter, String statusLabel) {
        return "(sum(rate(" + counter + "{{service}," + statusLabel + "=~\"5..\"}[{window}])) or vector(0))"
                + " / sum(rate(" + counter + "{{service}}[{window}]))";
    }

    private static String latency(String quantile) {
        return "histogram_quantile(" + quantile + ", "
                + firstOf(
                        "sum by (le) (rate(http_server_requests_seconds_bucket{{service}}[{window}]))",
                        "sum by (le) (rate(astradesk_http_server_requests_seconds_bucket{{service}}[{window}]))",
                        "sum by (le) (rate(http_request_duration_seconds_bucket{{service}}[{window}]))")
                + ")";
    }

    private static String firstOf(String... alternatives) {
        return List.of(alternatives).stream().map(a -> "(" + a + ")").collect(Collectors.joining(" or "));
    }

    /** Fluent builder; fails fast naming the bad parameter. Not thread-safe. */
    public static final class Builder {
        private final URI baseUrl;
        private Duration timeout = Duration.ofSeconds(5);
        private Optional<String> bearerToken = Optional.empty();
        private final Map<String, String> queries = new LinkedHashMap<>(DEFAULT_QUERIES);
        private final Map<String, String> selectors = new LinkedHashMap<>();

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

        /** Drops one query (e.g. a default your exporters cannot answer). */
        public Builder withoutQuery(String metricName) {
            queries.remove(metricName);
            return this;
        }

        /**
         * The label matchers that select one service's series, e.g. {@code namespace="shop",app="payments-api"}.
         *
         * @throws IllegalArgumentException when blank or containing braces
         */
        public Builder withSelector(String service, String matchers) {
            Objects.requireNonNull(service, "service");
            if (matchers == null || matchers.isBlank() || matchers.contains("{") || matchers.contains("}")) {
                throw new IllegalArgumentException(
                        "selector of " + service + " must be label matchers without braces, was " + matchers);
            }
            selectors.put(service, matchers.strip());
            return this;
        }

        public PrometheusConfig build() {
            return new PrometheusConfig(baseUrl, timeout, bearerToken, queries, selectors);
        }
    }
}
