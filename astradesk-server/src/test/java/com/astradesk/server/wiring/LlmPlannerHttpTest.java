package com.astradesk.server.wiring;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MODEL_PROVIDER set: the server plans with the model behind a local OpenAI-compatible server (port 0). */
class LlmPlannerHttpTest {
    @TempDir
    Path home;

    private HttpServer model;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private volatile int status = 200;
    private volatile String content = "{\"steps\":[]}";

    @BeforeEach
    void startModel() throws IOException {
        model = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        model.createContext("/v1/chat/completions", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean stream = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(request)
                    .path("stream")
                    .asBoolean(false);
            if (stream) {
                // the answer model writing a tool run's answer; `calls` counts the planner's calls only
                answers.incrementAndGet();
            } else {
                calls.incrementAndGet();
            }
            String body;
            String type = "application/json";
            if (status != 200) {
                body = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}";
            } else if (stream) {
                type = "text/event-stream";
                body = """
                        data: {"id":"c2","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,\
                        "delta":{"content":"The metrics are in [1]."},"finish_reason":null}]}

                        data: {"id":"c2","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,\
                        "delta":{},"finish_reason":"stop"}]}

                        data: [DONE]

                        """;
            } else {
                body = """
                    {"id":"chatcmpl-1","object":"chat.completion","created":1732600000,"model":"planner",\
                    "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],\
                    "usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}""".formatted(HttpHarness.quote(content));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        model.start();
    }

    @AfterEach
    void stopModel() {
        model.stop(0);
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "PORT", "0",
                "BIND_ADDRESS", "127.0.0.1",
                "ASTRADESK_HOME", home.toString(),
                "EMBEDDING_MODEL", "hashing",
                "MODEL_PROVIDER", "vllm",
                "MODEL_NAME", "planner",
                "MODEL_BASE_URL", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1",
                "MODEL_MAX_RETRIES", "0"));
        env.putAll(extra);
        return env;
    }

    private JsonNode runOps(AstraDeskConfig config, String input) {
        String sre = DevIssuer.loadOrCreate(config.devIssuer().keyFile())
                .mint("sam", List.of("sre"), List.of(), Duration.ofMinutes(5));
        try (AstraDeskServer server = ServerWiring.wire(config).start()) {
            HttpResponse<String> r = new HttpHarness(server)
                    .postJson("/v1/agents/run", sre, "{\"agent\":\"ops\",\"input\":" + HttpHarness.quote(input) + "}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return json(r);
        }
    }

    @Test
    void should_run_the_models_plan_without_degradation() {
        // given: the model plans metrics for the database, which the keyword planner would not infer
        content = "{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"database\",\"window\":\"1h\"}}]}";

        // when
        JsonNode run = runOps(AstraDeskConfig.fromEnv(env(Map.of())), "Is the primary store healthy lately?");

        // then
        assertThat(calls.get()).isEqualTo(1);
        assertThat(run.get("used_tools")).extracting(JsonNode::asText).containsExactly("get_metrics");
        assertThat(run.get("steps").get(0).get("args").get("service").asText()).isEqualTo("database");
        assertThat(run.get("steps").get(0).get("status").asText()).isEqualTo("ok");
        assertThat(run.get("degraded").asBoolean()).isFalse();
        assertThat(run.has("degraded_reason")).isFalse();
        // with a model configured, the model writes the tool run's answer from the step's result
        assertThat(answers.get()).isEqualTo(1);
        assertThat(run.get("output").asText()).isEqualTo("The metrics are in [1].");
    }

    @Test
    void should_fall_back_to_the_keyword_plan_marked_degraded_when_the_model_answers_503() {
        // given
        status = 503;

        // when
        JsonNode run = runOps(AstraDeskConfig.fromEnv(env(Map.of())), "Show metrics for payments-api");

        // then
        assertThat(calls.get()).isPositive();
        assertThat(run.get("used_tools")).extracting(JsonNode::asText).containsExactly("get_metrics");
        assertThat(run.get("steps").get(0).get("args").get("service").asText()).isEqualTo("payments-api");
        assertThat(run.get("degraded").asBoolean()).isTrue();
        assertThat(run.get("degraded_reason").asText()).startsWith("model");
    }

    @Test
    void should_fall_back_marked_degraded_when_the_model_plan_stays_invalid() {
        // given
        content = "{\"steps\":[{\"tool\":\"format_disk\",\"arguments\":{}}]}";

        // when
        JsonNode run = runOps(AstraDeskConfig.fromEnv(env(Map.of())), "Show metrics for payments-api");

        // then
        assertThat(calls.get()).isEqualTo(2);
        assertThat(run.get("used_tools")).extracting(JsonNode::asText).containsExactly("get_metrics");
        assertThat(run.get("degraded_reason").asText()).isEqualTo("model plan invalid after repair");
    }

    @Test
    void should_stop_startup_naming_the_model_variable_when_it_is_invalid() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(env(Map.of("MODEL_PROVIDER", "gpt-omega"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MODEL_PROVIDER")
                .satisfies(e -> assertThat(((ConfigException) e).variables()).contains("MODEL_PROVIDER"));
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(env(Map.of("MODEL_BASE_URL", ""))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).variables()).contains("MODEL_BASE_URL"));
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(env(Map.of("MODEL_TIMEOUT", "soon"))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).variables()).contains("MODEL_TIMEOUT"));
    }
}
