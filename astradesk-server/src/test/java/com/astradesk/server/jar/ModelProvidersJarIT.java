package com.astradesk.server.jar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code MODEL_PROVIDER} the configuration reference lists starts the shaded server jar and plans with its
 * model: a loopback stub answers the OpenAI chat-completions ({@code openai}, {@code vllm}), Ollama
 * {@code /api/chat} and Bedrock Converse ({@code /model/{id}/converse}) wire formats with a plan the keyword planner
 * would not make, so a non-degraded {@code get_metrics} step for {@code database} proves the model was used.
 */
class ModelProvidersJarIT {
    private static final String PLAN =
            "{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"database\",\"window\":\"1h\"}}]}";
    private static final String QUESTION = "Is the primary store healthy lately?";

    @TempDir
    Path home;

    private HttpServer model;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startModel() throws IOException {
        model = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        model.createContext("/", this::answer);
        model.start();
    }

    @AfterEach
    void stopModel() {
        model.stop(0);
    }

    @Test
    void should_start_and_plan_with_bedrock_through_an_endpoint_override() throws Exception {
        assertPlansWith(
                Map.of(
                        "MODEL_PROVIDER", "bedrock",
                        "MODEL_NAME", "anthropic.claude-3-haiku-20240307-v1:0",
                        "AWS_REGION", "eu-central-1",
                        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                        "AWS_SECRET_ACCESS_KEY", "test-secret",
                        "MODEL_BASE_URL", base()),
                "/model/anthropic.claude-3-haiku-20240307-v1:0/converse");
    }

    @Test
    void should_start_and_plan_with_openai() throws Exception {
        assertPlansWith(
                Map.of("MODEL_PROVIDER", "openai", "OPENAI_API_KEY", "sk-test", "MODEL_BASE_URL", base() + "/v1"),
                "/v1/chat/completions");
    }

    @Test
    void should_start_and_plan_with_vllm() throws Exception {
        assertPlansWith(
                Map.of("MODEL_PROVIDER", "vllm", "MODEL_NAME", "planner", "MODEL_BASE_URL", base() + "/v1"),
                "/v1/chat/completions");
    }

    @Test
    void should_start_and_plan_with_ollama() throws Exception {
        assertPlansWith(Map.of("MODEL_PROVIDER", "ollama", "MODEL_BASE_URL", base()), "/api/chat");
    }

    @Test
    void should_start_with_provider_none_and_plan_by_keywords() throws Exception {
        try (ServerJarProcess server =
                new ServerJarProcess(home, Map.of("MODEL_PROVIDER", "none")).awaitReady(Duration.ofSeconds(90))) {
            JsonNode run = server.run(server.token("sam", "sre"), "ops", "show metrics for webapp");

            assertThat(run.get("used_tools").toString()).contains("get_metrics");
            assertThat(paths).isEmpty();
        }
    }

    private void assertPlansWith(Map<String, String> env, String expectedPath) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("MODEL_MAX_RETRIES", "0");
        try (ServerJarProcess server = new ServerJarProcess(home, all).awaitReady(Duration.ofSeconds(90))) {
            // when
            JsonNode run = server.run(server.token("sam", "sre"), "ops", QUESTION);

            // then
            assertThat(paths).as(server.output()).contains(expectedPath);
            // the plan is the model's, not degraded; the answer model (which streams: this fake answers no stream)
            // may fall back to the templated answer, which marks the run degraded for that reason alone
            assertThat(run.path("degraded_reason").asText("answer model failed"))
                    .as(run.toString())
                    .startsWith("answer model failed");
            assertThat(run.at("/steps/0/tool").asText()).isEqualTo("get_metrics");
            assertThat(run.at("/steps/0/args/service").asText()).isEqualTo("database");
        }
    }

    private String base() {
        return "http://127.0.0.1:" + model.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String body;
            String type = "application/json";
            if (path.endsWith("/chat/completions") && request.matches("(?s).*\"stream\"\\s*:\\s*true.*")) {
                // the answer model writing the tool run's answer
                type = "text/event-stream";
                body = "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The metrics are in [1].\"},"
                        + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
            } else if (path.endsWith("/chat/completions")) {
                body = """
                        {"id":"chatcmpl-1","object":"chat.completion","created":1732600000,"model":"planner",\
                        "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],\
                        "usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}""".formatted(quote(PLAN));
            } else if (path.equals("/api/chat")) {
                body = """
                        {"model":"llama3.1","created_at":"2026-12-07T10:00:00.000Z","message":{"role":"assistant",\
                        "content":%s},"done_reason":"stop","done":true,"total_duration":1000000,\
                        "prompt_eval_count":50,"eval_count":10}""".formatted(quote(PLAN));
            } else if (path.endsWith("/converse")) {
                body = """
                        {"output":{"message":{"role":"assistant","content":[{"text":%s}]}},"stopReason":"end_turn",\
                        "usage":{"inputTokens":50,"outputTokens":10,"totalTokens":60},"metrics":{"latencyMs":12}}""".formatted(quote(PLAN));
            } else {
                byte[] nf = "{\"error\":\"no route\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, nf.length);
                exchange.getResponseBody().write(nf);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String quote(String s) {
        return com.astradesk.server.HttpHarness.quote(s);
    }
}
