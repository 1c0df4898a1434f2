package com.astradesk.server.observability;

import static com.astradesk.server.HttpHarness.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsHttpTest {
    private static final Pattern METRIC = Pattern.compile("astradesk_[a-z0-9_]+");
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static ObservedApp app;
    private static HttpHarness http;
    private static String metrics;

    @BeforeAll
    static void start_and_make_traffic() throws IOException {
        app = new ObservedApp(ServerTelemetry.local());
        http = new HttpHarness(app.server);
        String sre = app.token("sre");
        String viewer = app.token("viewer");
        http.postJson("/v1/agents/run", sre, body("status of webapp"));
        http.postJson("/v1/agents/run", viewer, body("restart webapp"));
        http.postJson("/v1/agents/run", viewer, body("how do I handle an outage?"));
        http.postJson("/v1/agents/run", null, body("status of webapp"));
        http.get("/no/such/route/12345", null);
        http.get("/healthz", null);
        app.server.telemetry().metrics().bindOutboxBacklog(() -> 42);
        app.server.telemetry().metrics().rateLimitRejected("principal");
        HttpResponse<String> response = http.get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        metrics = response.body();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String body(String input) {
        return "{\"agent\":\"ops\",\"input\":" + quote(input) + "}";
    }

    @Test
    void should_export_every_metric_the_dashboards_and_alerts_query() throws IOException {
        // given
        Set<String> referenced = new TreeSet<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana"))) {
            for (Path dashboard :
                    files.filter(p -> p.toString().endsWith(".json")).toList()) {
                collectExprs(new ObjectMapper().readTree(dashboard.toFile()), referenced);
            }
        }
        try (Stream<Path> files = Files.list(DEPLOY.resolve("prometheus"))) {
            for (Path rules :
                    files.filter(p -> p.toString().matches(".*\\.ya?ml")).toList()) {
                for (String line : Files.readAllLines(rules)) {
                    if (!line.trim().startsWith("#")) {
                        collect(line, referenced);
                    }
                }
            }
        }

        // when
        Set<String> exported = new TreeSet<>();
        metrics.lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> baseName(l.split("[{ ]", 2)[0]))
                .forEach(exported::add);

        // then
        assertThat(referenced).as("metric names in deploy/").hasSizeGreaterThanOrEqualTo(10);
        assertThat(exported).containsAll(referenced);
    }

    @Test
    void should_tag_requests_with_the_route_template_method_and_status() {
        assertThat(metrics)
                .contains("astradesk_http_server_requests_seconds_bucket{")
                .containsPattern(
                        "astradesk_http_server_requests_seconds_count\\{method=\"POST\",route=\"/v1/agents/run\",status=\"200\"} 2")
                .containsPattern(
                        "astradesk_http_server_requests_seconds_count\\{method=\"POST\",route=\"/v1/agents/run\",status=\"401\"} 1")
                .containsPattern(
                        "astradesk_http_server_requests_seconds_count\\{method=\"GET\",route=\"unmatched\",status=\"404\"} 1")
                .doesNotContain("/no/such/route");
    }

    @Test
    void should_count_tool_model_and_agent_events_by_outcome() {
        assertThat(metrics)
                .contains("astradesk_tool_calls_total{outcome=\"ok\",tool=\"get_status\"} 1.0")
                .contains("astradesk_tool_calls_total{outcome=\"denied\",tool=\"restart_service\"} 1.0")
                .contains("astradesk_tool_call_seconds_count{tool=\"get_status\"} 1")
                .contains("astradesk_model_calls_total{outcome=\"ok\",provider=\"fake\"} 3.0")
                .contains("astradesk_model_tokens_total{provider=\"fake\",type=\"input\"} 36.0")
                .contains("astradesk_model_tokens_total{provider=\"fake\",type=\"output\"} 9.0")
                .contains("astradesk_model_circuit_state{provider=\"fake\"} 0.0")
                .contains("astradesk_agent_runs_total{agent=\"ops\",status=\"ok\"} 2.0")
                .contains("astradesk_agent_runs_total{agent=\"ops\",status=\"denied\"} 1.0");
    }

    @Test
    void should_export_fed_meters_from_the_start_and_read_bound_suppliers() {
        assertThat(metrics)
                .contains("astradesk_audit_outbox_backlog 42.0")
                .contains("astradesk_auditor_lag_seconds 0.0")
                .contains("astradesk_auditor_events_total{outcome=\"archived\"} 0.0")
                .contains("astradesk_rate_limit_rejections_total{scope=\"principal\"} 1.0")
                .contains("astradesk_rate_limit_rejections_total{scope=\"tool\"} 0.0")
                .contains("jvm_memory_used_bytes{", "process_uptime_seconds");
    }

    private static void collectExprs(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                    collect(e.getValue().asText(), into);
                } else {
                    collectExprs(e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectExprs(child, into));
        }
    }

    private static void collect(String text, Set<String> into) {
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            into.add(baseName(m.group()));
        }
    }

    private static String baseName(String name) {
        return name.replaceFirst("_(bucket|count|sum)$", "");
    }
}
