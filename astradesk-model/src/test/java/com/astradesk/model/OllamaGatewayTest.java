package com.astradesk.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.TokenUsage;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Ollama provider (native {@code /api/chat}) against a loopback stub: first throttled, then answering. */
class OllamaGatewayTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/chat", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int n = requests.incrementAndGet();
            String body;
            int status;
            if (n == 1) {
                status = 429;
                body = "{\"error\":\"server busy, please try again. maximum pending requests exceeded\"}";
                exchange.getResponseHeaders().add("Retry-After", "1");
            } else {
                status = 200;
                body = """
                        {"model":"llama3.1","created_at":"2026-11-26T10:00:00.000Z","message":{"role":"assistant",\
                        "content":"Ollama says hi"},"done_reason":"stop","done":true,"total_duration":1000000,\
                        "prompt_eval_count":14,"eval_count":4}""";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void should_honour_retry_after_then_answer_with_usage() {
        // given
        ModelGateway gateway = ModelGateways.fromEnv(Map.of(
                        "MODEL_PROVIDER",
                        "ollama",
                        "MODEL_BASE_URL",
                        "http://127.0.0.1:" + server.getAddress().getPort()))
                .orElseThrow();

        // when
        long started = System.nanoTime();
        ChatResponse response = gateway.chat(ChatRequest.of(List.of(ChatMessage.user("hello"))));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        // then
        assertThat(response.content()).isEqualTo("Ollama says hi");
        assertThat(response.usage()).isEqualTo(new TokenUsage(14, 4));
        assertThat(response.model()).isEqualTo("llama3.1");
        assertThat(requests).hasValue(2);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
}
