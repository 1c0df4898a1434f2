package com.astradesk.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.astradesk.server.RunningServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PROMETHEUS_URL} against a real Prometheus (the Debian package's binary on a free loopback port) scraping
 * the AstraDesk server's own {@code /metrics}: the ops agent's {@code get_metrics} for the server's catalog entry
 * ({@code astradesk}, selector {@code job="astradesk"}) reports exactly what Prometheus holds at the instant the
 * tool says it observed; a query Prometheus rejects and a Prometheus that is down are step errors, not 500s.
 */
class PrometheusMetricsIT {
    @TempDir
    Path home;

    @TempDir
    Path prometheusDir;

    @Test
    void should_report_the_servers_own_metrics_as_prometheus_holds_them() throws Exception {
        int prometheusPort = LocalPrometheus.freePort();
        String prometheusUrl = "http://127.0.0.1:" + prometheusPort;
        try (RunningServer server = new RunningServer(home, Map.of("PROMETHEUS_URL", prometheusUrl));
                LocalPrometheus prometheus = new LocalPrometheus(prometheusDir, prometheusPort, server.port())) {
            // given: some traffic, scraped a few times
            for (int i = 0; i < 30; i++) {
                server.http().get("/healthz", null);
                server.http().get("/no-such-route", null);
            }
            prometheus.awaitSamples(5, Duration.ofSeconds(60));
            String token = server.token("sam", "sre");

            // when / then (a scrape landing between the tool's query and ours could move a value: ask again)
            Map<String, Double> reported = Map.of();
            Map<String, Double> held = Map.of();
            for (int attempt = 0; attempt < 3 && (reported.isEmpty() || !same(reported, held)); attempt++) {
                JsonNode run = server.run(token, "ops", "show metrics for astradesk");
                JsonNode step = RunningServer.step(run, "get_metrics");
                assertThat(step.path("status").asText()).as(run.toString()).isEqualTo("ok");
                assertThat(step.at("/args/service").asText()).isEqualTo("astradesk");
                assertThat(step.at("/result/source").asText()).isEqualTo("prometheus");
                long window = step.at("/result/window_seconds").asLong();
                String time = BigDecimal.valueOf(
                                Instant.parse(step.at("/result/observed_at").asText())
                                        .toEpochMilli(),
                                3)
                        .toPlainString();
                reported = values(step.at("/result/metrics"));
                held = expected(prometheus, window, time);
            }
            assertThat(reported.keySet())
                    .containsExactlyInAnyOrder(
                            "cpu_cores",
                            "memory_bytes",
                            "request_rate_per_second",
                            "error_ratio",
                            "p95_latency_seconds",
                            "p99_latency_seconds");
            for (Map.Entry<String, Double> e : held.entrySet()) {
                assertThat(reported.get(e.getKey()))
                        .as(e.getKey())
                        .isCloseTo(e.getValue(), within(Math.abs(e.getValue()) * 1e-9));
            }
            assertThat(reported.get("request_rate_per_second")).isPositive();
            assertThat(reported.get("memory_bytes")).isGreaterThan(1e6);
        }
    }

    @Test
    void should_answer_step_errors_when_prometheus_rejects_a_query_or_is_down() throws Exception {
        int prometheusPort = LocalPrometheus.freePort();
        Path queries = Files.writeString(
                home.resolve("queries.properties"), "# a template Prometheus cannot parse\nbroken = sum(rate(\n");
        Map<String, String> env = Map.of(
                "PROMETHEUS_URL",
                "http://127.0.0.1:" + prometheusPort,
                "PROMETHEUS_TIMEOUT",
                "3s",
                "METRICS_QUERIES_FILE",
                queries.toString());
        try (RunningServer server = new RunningServer(home, env)) {
            String token = server.token("sam", "sre");

            // when: nothing listens yet
            JsonNode down = RunningServer.step(server.run(token, "ops", "show metrics for astradesk"), "get_metrics");

            // then
            assertThat(down.path("status").asText()).isEqualTo("error");
            assertThat(down.path("error").asText()).contains("Prometheus is unreachable");

            // when: Prometheus is up and refuses the broken template
            try (LocalPrometheus prometheus = new LocalPrometheus(prometheusDir, prometheusPort, server.port())) {
                JsonNode rejected =
                        RunningServer.step(server.run(token, "ops", "show metrics for astradesk"), "get_metrics");

                // then
                assertThat(rejected.path("status").asText()).isEqualTo("error");
                assertThat(rejected.path("error").asText()).contains("Prometheus reported an error: bad_data");
            }
        }
    }

    /** What Prometheus holds for this server, with the queries written out for its metric names. */
    private static Map<String, Double> expected(LocalPrometheus prometheus, long window, String time) {
        String w = "[" + window + "s]";
        String sel = "{job=\"astradesk\"}";
        var m = new LinkedHashMap<String, Double>();
        m.put("cpu_cores", prometheus.query("sum(rate(process_cpu_time_ns_total" + sel + w + ")) / 1e9", time));
        m.put("memory_bytes", prometheus.query("sum(avg_over_time(jvm_memory_used_bytes" + sel + w + "))", time));
        m.put(
                "request_rate_per_second",
                prometheus.query("sum(rate(astradesk_http_server_requests_seconds_count" + sel + w + "))", time));
        m.put(
                "p95_latency_seconds",
                prometheus.query(
                        "histogram_quantile(0.95, sum by (le) (rate(astradesk_http_server_requests_seconds_bucket" + sel
                                + w + ")))",
                        time));
        m.put("error_ratio", 0.0); // no 5xx was answered
        return m;
    }

    private static Map<String, Double> values(JsonNode metrics) {
        var m = new LinkedHashMap<String, Double>();
        metrics.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }

    private static boolean same(Map<String, Double> reported, Map<String, Double> held) {
        return held.entrySet().stream()
                .allMatch(e -> reported.containsKey(e.getKey())
                        && Math.abs(reported.get(e.getKey()) - e.getValue()) <= Math.abs(e.getValue()) * 1e-9);
    }
}
