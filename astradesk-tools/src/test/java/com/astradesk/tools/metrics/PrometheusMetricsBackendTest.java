package com.astradesk.tools.metrics;

import static com.astradesk.tools.testing.Calls.VIEWER;
import static com.astradesk.tools.testing.Calls.call;
import static com.astradesk.tools.testing.Calls.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolExecution;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.tools.testing.FakeHttpServer;
import com.astradesk.tools.testing.FakeHttpServer.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Prometheus backend against a loopback server replaying Prometheus-shaped answers. */
class PrometheusMetricsBackendTest {
    private static final String SECRET = "s3cret-token";

    private final FakeHttpServer prometheus;

    PrometheusMetricsBackendTest() throws IOException {
        prometheus = new FakeHttpServer();
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private static String vector(String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                + "\"value\":[1764151200.123,\"" + value + "\"]}]}}";
    }

    private static final String EMPTY_VECTOR =
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";

    /** Three queries (rate, 5xx ratio, p95) so each test controls every answer. */
    private static final Map<String, String> THREE_QUERIES = threeQueries();

    private static Map<String, String> threeQueries() {
        var m = new java.util.LinkedHashMap<String, String>();
        m.put("request_rate_per_second", "sum(rate(http_requests_total{{service}}[{window}]))");
        m.put(
                "error_ratio",
                "sum(rate(http_requests_total{{service},status=~\"5..\"}[{window}]))"
                        + " / sum(rate(http_requests_total{{service}}[{window}]))");
        m.put(
                "p95_latency_seconds",
                "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{{service}}[{window}])))");
        return m;
    }

    private MetricsBackend backend(Duration timeout) {
        return MetricsBackend.prometheus(PrometheusConfig.builder(prometheus.uri("/prom"))
                .withTimeout(timeout)
                .withBearerToken(SECRET)
                .withQueries(THREE_QUERIES)
                .build());
    }

    private void answerByMetric(String rate, String errors, String p95) {
        prometheus.on("/prom/api/v1/query", r -> {
            String q = r.query().get("query");
            if (q.startsWith("histogram_quantile")) {
                return p95 == null ? Reply.json(EMPTY_VECTOR) : Reply.json(vector(p95));
            }
            return q.contains("status=~") ? Reply.json(vector(errors)) : Reply.json(vector(rate));
        });
    }

    @Test
    void should_parse_rate_error_ratio_and_latency() {
        // given
        answerByMetric("12.5", "0.008", "0.231");

        // when
        ServiceMetrics m = backend(Duration.ofSeconds(2)).fetch("payments-api", Duration.ofMinutes(15));

        // then
        assertThat(m.source()).isEqualTo("prometheus");
        assertThat(m.metrics())
                .containsExactly(
                        Metric.of("request_rate_per_second", 12.5),
                        Metric.of("error_ratio", 0.008),
                        Metric.of("p95_latency_seconds", 0.231));
    }

    @Test
    void should_send_rendered_promql_and_the_bearer_token() {
        // given
        answerByMetric("1", "0", "0.1");

        // when
        backend(Duration.ofSeconds(2)).fetch("payments-api", Duration.ofMinutes(15));

        // then
        List<FakeHttpServer.Recorded> requests = prometheus.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/prom/api/v1/query");
            assertThat(r.query().get("query")).contains("service=\"payments-api\"", "[900s]");
            assertThat(r.headers().get("Authorization")).containsExactly("Bearer " + SECRET);
        });
    }

    @Test
    void should_treat_an_empty_result_or_nan_as_no_data() {
        // given
        answerByMetric("NaN", "0", null);

        // when
        ServiceMetrics m = backend(Duration.ofSeconds(2)).fetch("webapp", Duration.ofHours(1));

        // then
        assertThat(m.metrics())
                .containsExactly(
                        new Metric("request_rate_per_second", OptionalDouble.empty()),
                        Metric.of("error_ratio", 0),
                        new Metric("p95_latency_seconds", OptionalDouble.empty()));
    }

    @Test
    void should_read_a_scalar_result() {
        // given
        prometheus.on(
                "/prom/api/v1/query",
                r -> Reply.json("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"42\"]}}"));
        var backend = MetricsBackend.prometheus(PrometheusConfig.builder(prometheus.uri("/prom"))
                .withQueries(Map.of("answer", "scalar(42)"))
                .build());

        // when
        ServiceMetrics m = backend.fetch("webapp", Duration.ofMinutes(5));

        // then
        assertThat(m.metrics()).containsExactly(Metric.of("answer", 42));
    }

    @Test
    void should_map_a_non_2xx_answer_to_a_safe_failure() {
        // given
        prometheus.on("/prom/api/v1/query", r -> Reply.status(503, "upstream secret-internal-host:9090 is down"));

        // when / then
        assertThatThrownBy(() -> backend(Duration.ofSeconds(2)).fetch("webapp", Duration.ofMinutes(5)))
                .isInstanceOf(ToolFailureException.class)
                .hasMessage("Prometheus answered HTTP 503")
                .satisfies(e -> assertThat(((ToolFailureException) e).tool()).isEqualTo("get_metrics"));
    }

    @Test
    void should_map_a_prometheus_error_to_its_error_type_only() {
        // given
        prometheus.on(
                "/prom/api/v1/query",
                r -> Reply.status(
                        400,
                        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error near secret\"}"));

        // when / then
        assertThatThrownBy(() -> backend(Duration.ofSeconds(2)).fetch("webapp", Duration.ofMinutes(5)))
                .isInstanceOf(ToolFailureException.class)
                .hasMessage("Prometheus reported an error: bad_data");
    }

    @Test
    void should_map_malformed_json_to_an_unexpected_response() {
        // given
        prometheus.on("/prom/api/v1/query", r -> Reply.json("<html>login</html>"));

        // when / then
        assertThatThrownBy(() -> backend(Duration.ofSeconds(2)).fetch("webapp", Duration.ofMinutes(5)))
                .isInstanceOf(ToolFailureException.class)
                .hasMessage("Prometheus returned an unexpected response (not JSON)");
    }

    @Test
    void should_time_out_with_a_safe_message() {
        // given
        prometheus.on("/prom/api/v1/query", r -> new Reply(200, vector("1"), 2_000));

        // when / then
        assertThatThrownBy(() -> backend(Duration.ofMillis(200)).fetch("webapp", Duration.ofMinutes(5)))
                .isInstanceOf(ToolFailureException.class)
                .hasMessage("Prometheus did not answer within 200 ms");
    }

    @Test
    void should_report_an_unreachable_server_without_its_url() throws IOException {
        // given
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var backend = MetricsBackend.prometheus(
                PrometheusConfig.builder(URI.create("http://user:" + SECRET + "@127.0.0.1:" + closedPort))
                        .withTimeout(Duration.ofSeconds(1))
                        .build());

        // when / then
        assertThatThrownBy(() -> backend.fetch("webapp", Duration.ofMinutes(5)))
                .isInstanceOf(ToolFailureException.class)
                .hasMessage("Prometheus is unreachable");
    }

    @Test
    void should_summarize_prometheus_numbers_through_get_metrics() {
        // given
        answerByMetric("12.5", "0.008", "0.231");
        var registry = registry(ToolProviderContext.builder()
                .withService(MetricsBackend.class, backend(Duration.ofSeconds(2)))
                .build());

        // when
        ToolOutcome outcome = registry.execute(call("get_metrics", Map.of("service", "payments-api"), VIEWER));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.OK);
        assertThat(outcome.result().orElseThrow().summary())
                .isEqualTo("Metrics for payments-api, last 15m (prometheus): request rate 12.5/s, error rate 0.8%,"
                        + " p95 latency 231 ms.");
        assertThat(outcome.result().orElseThrow().data())
                .containsEntry("source", "prometheus")
                .containsEntry("no_data", List.of());
        // a network backend can block: its calls stay isolated from the caller's thread
        assertThat(registry.find("get_metrics").orElseThrow().execution()).isEqualTo(ToolExecution.ISOLATED);
    }

    @Test
    void should_answer_the_asked_metrics_first_and_name_those_without_a_query() {
        // given
        answerByMetric("12.5", "0.008", null);
        var registry = registry(ToolProviderContext.builder()
                .withService(MetricsBackend.class, backend(Duration.ofSeconds(2)))
                .build());

        // when
        ToolOutcome outcome = registry.execute(com.astradesk.tools.testing.Calls.asked(
                "get_metrics",
                Map.of("service", "payments-api"),
                VIEWER,
                com.astradesk.core.text.Language.EN,
                "memory, errors and p95 of payments-api?"));

        // then: memory has no query here; p95 has one but no series
        assertThat(outcome.result().orElseThrow().summary())
                .isEqualTo("Metrics for payments-api, last 15m (prometheus). Asked for: error rate 0.8%, p95 latency"
                        + " no data. Memory is not available from the prometheus metrics backend (no query is"
                        + " configured for it). Also: request rate 12.5/s.");
        assertThat(outcome.result().orElseThrow().data())
                .containsEntry("asked", List.of("memory_bytes", "error_ratio", "p95_latency_seconds"))
                .containsEntry("unavailable", List.of("memory_bytes"))
                .containsEntry("no_data", List.of("p95_latency_seconds"));
    }

    @Test
    void should_put_the_services_selector_in_every_template_and_evaluate_all_at_one_instant() {
        // given
        prometheus.on("/prom/api/v1/query", r -> Reply.json(vector("1")));
        var backend = new com.astradesk.tools.metrics.internal.PrometheusMetricsBackend(
                PrometheusConfig.builder(prometheus.uri("/prom"))
                        .withSelector("payments-api", "namespace=\"shop\",app=\"payments\"")
                        .build(),
                java.time.Clock.fixed(
                        java.time.Instant.parse("2026-12-07T10:00:00.123456Z"), java.time.ZoneOffset.UTC));

        // when
        ServiceMetrics m = backend.fetch("payments-api", Duration.ofMinutes(5));

        // then: the six default metrics, each asked with the selector, the window and the same time
        assertThat(m.metrics())
                .extracting(Metric::name)
                .containsExactly(
                        "cpu_cores",
                        "memory_bytes",
                        "request_rate_per_second",
                        "error_ratio",
                        "p95_latency_seconds",
                        "p99_latency_seconds");
        assertThat(m.observedAt()).isEqualTo(java.time.Instant.parse("2026-12-07T10:00:00.123Z"));
        assertThat(prometheus.requests()).hasSize(6).allSatisfy(r -> {
            assertThat(r.query().get("query"))
                    .contains("{namespace=\"shop\",app=\"payments\"", "[300s]")
                    .doesNotContain("{service}", "{window}");
            assertThat(r.query().get("time")).isEqualTo("1796637600.123");
        });
    }

    @Test
    void should_fall_back_to_the_service_label_when_the_catalog_names_no_selector() {
        assertThat(PrometheusConfig.builder(URI.create("http://prometheus:9090"))
                        .build()
                        .selector("webapp"))
                .isEqualTo("service=\"webapp\"");
        assertThatThrownBy(() ->
                        PrometheusConfig.builder(URI.create("http://p:9090")).withSelector("x", "{job=\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without braces");
    }

    @Test
    void should_hide_the_token_when_the_config_is_printed() {
        // when
        String printed = PrometheusConfig.builder(URI.create("http://prometheus:9090"))
                .withBearerToken(SECRET)
                .build()
                .toString();

        // then
        assertThat(printed).doesNotContain(SECRET).contains("***");
    }
}
