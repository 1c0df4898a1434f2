package com.astradesk.server.answer;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.HttpHarness.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.EventStream;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a model configured, the model writes knowledge answers from the retrieved chunks and the answer streams as
 * {@code answer.delta} events: the server runs against a fake OpenAI-compatible provider (port 0) that plans nothing
 * and streams the answer in pieces; when the provider fails, the extractive answer is used, marked degraded.
 */
class ModelWrittenAnswerHttpTest {
    private static final List<String> PIECES =
            List.of("To reset it:\n", "1. Open the SSO reset page.\n", "2. Approve the MFA prompt [1].");

    @TempDir
    Path home;

    private HttpServer provider;
    private volatile int streamStatus = 200;
    private final List<String> streamPrompts = new CopyOnWriteArrayList<>();
    private AstraDeskServer server;
    private HttpHarness http;
    private String token;

    @BeforeEach
    void start() throws IOException {
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/v1/chat/completions", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(request);
            boolean stream = body.path("stream").asBoolean(false);
            byte[] bytes;
            if (!stream) {
                // the planner: plan nothing, so the agent answers from knowledge
                bytes =
                        ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                                        + "\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"steps\\\":[]}\"},\"finish_reason\":\"stop\"}],"
                                        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}")
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
            } else {
                streamPrompts.add(body.path("messages").get(0).path("content").asText());
                if (streamStatus != 200) {
                    bytes = "{\"error\":{\"message\":\"down\",\"type\":\"server_error\"}}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(streamStatus, bytes.length);
                } else {
                    StringBuilder sse = new StringBuilder();
                    for (String piece : PIECES) {
                        sse.append(
                                        "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                                                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":")
                                .append(quote(piece))
                                .append("},\"finish_reason\":null}]}\n\n");
                    }
                    sse.append(
                            "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                                    + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":20,\"total_tokens\":70}}\n\n");
                    sse.append("data: [DONE]\n\n");
                    bytes = sse.toString().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, bytes.length);
                }
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        provider.start();
        Path kb = Files.createDirectories(home.resolve("kb"));
        Files.writeString(
                kb.resolve("vpn-password-reset.md"),
                "# VPN password reset\n\nReset your VPN password yourself:\n\n1. Open the SSO reset page.\n"
                        + "2. Approve the MFA prompt.\n3. Reconnect the VPN after five minutes.\n");
        Map<String, String> env = new HashMap<>(Map.of(
                "PORT", "0",
                "BIND_ADDRESS", "127.0.0.1",
                "ASTRADESK_HOME", home.toString(),
                "EMBEDDING_MODEL", "hashing",
                "KNOWLEDGE_DIR", kb.toString(),
                "MODEL_PROVIDER", "vllm",
                "MODEL_NAME", "m",
                "MODEL_BASE_URL", "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1",
                "MODEL_MAX_RETRIES", "0"));
        server = ServerWiring.wire(AstraDeskConfig.fromEnv(env)).start();
        http = new HttpHarness(server);
        for (int i = 0; i < 100 && http.get("/readyz", null).statusCode() != 200; i++) {
            sleep();
        }
        HttpResponse<String> minted = http.postJson("/dev/token", null, "{\"sub\":\"ann\",\"roles\":[\"viewer\"]}");
        token = json(minted).get("access_token").asText();
    }

    @AfterEach
    void stop() {
        server.close();
        provider.stop(0);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final String BODY = "{\"agent\":\"support\",\"input\":\"How do I reset my VPN password?\"}";

    @Test
    void theModelWritesTheKnowledgeAnswerAndItStreamsAsAnswerDeltas() {
        EventStream stream = http.stream("/v1/agents/run", token, BODY);

        List<String> deltas = stream.all("answer.delta").stream()
                .map(e -> e.json().get("text").asText())
                .toList();
        JsonNode completed = stream.first("run.completed").orElseThrow().json();
        // the gateway's streaming-safe output guardrails re-cut the pieces; more than one delta still streams
        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(String.join("", deltas)).isEqualTo(String.join("", PIECES));
        assertThat(completed.get("output").asText()).isEqualTo(String.join("", PIECES));
        assertThat(completed.get("degraded").asBoolean()).isFalse();
        assertThat(completed.get("citations"))
                .extracting(c -> c.get("source").asText())
                .containsExactly("vpn-password-reset.md");
        assertThat(streamPrompts)
                .singleElement()
                .satisfies(prompt -> assertThat(prompt)
                        .contains("ONLY the numbered sources", "[1] vpn-password-reset.md", "Open the SSO reset page"));
    }

    @Test
    void aFailingProviderGivesTheExtractiveAnswerMarkedDegraded() {
        streamStatus = 500;

        JsonNode run = json(http.postJson("/v1/agents/run", token, BODY));

        assertThat(run.get("degraded").asBoolean()).isTrue();
        assertThat(run.get("degraded_reason").asText()).contains("answer model failed");
        assertThat(run.get("output").asText()).contains("vpn-password-reset.md");
        assertThat(run.get("citations")).isNotEmpty();
        assertThat(streamPrompts.stream().collect(Collectors.toList())).isNotEmpty();
    }
}
