package com.astradesk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.ProviderServerException;
import com.astradesk.core.model.TokenUsage;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bedrock provider (Converse API through langchain4j and the AWS SDK) against a loopback stub. */
class BedrockGatewayTest {
    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    private record Reply(int status, String errorType, String body) {}

    private HttpServer server;
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "test-secret");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            Reply reply = script.isEmpty()
                    ? new Reply(500, "InternalServerException", "{\"message\":\"boom\"}")
                    : script.poll();
            if (reply.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", reply.errorType());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private ModelGateway gateway() {
        return ModelGateways.fromEnv(Map.of(
                        "MODEL_PROVIDER", "bedrock",
                        "MODEL_NAME", MODEL,
                        "AWS_REGION", "eu-central-1",
                        "MODEL_BASE_URL",
                                "http://127.0.0.1:" + server.getAddress().getPort(),
                        "MODEL_RETRY_BACKOFF", "10ms",
                        "MODEL_RETRY_MAX_BACKOFF", "20ms"))
                .orElseThrow();
    }

    private static Reply converse(String text) {
        return new Reply(200, null, """
                {"output":{"message":{"role":"assistant","content":[{"text":"%s"}]}},"stopReason":"end_turn",\
                "usage":{"inputTokens":12,"outputTokens":4,"totalTokens":16},"metrics":{"latencyMs":120}}""".formatted(text));
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.of(List.of(ChatMessage.system("Be brief."), ChatMessage.user(text)));
    }

    @Test
    void should_answer_through_converse_with_usage() {
        // given
        script.add(converse("Hello from Bedrock"));

        // when
        ChatResponse response = gateway().chat(ask("hi"));

        // then
        assertThat(response.content()).isEqualTo("Hello from Bedrock");
        assertThat(response.usage()).isEqualTo(new TokenUsage(12, 4));
        assertThat(response.provider()).isEqualTo("bedrock");
        assertThat(paths).singleElement().asString().endsWith("/converse").contains("anthropic.claude");
    }

    @Test
    void should_retry_throttling_once_with_sdk_retries_off() {
        // given
        script.add(new Reply(429, "ThrottlingException", "{\"message\":\"Too many requests\"}"));
        script.add(converse("after throttling"));

        // when
        ChatResponse response = gateway().chat(ask("hi"));

        // then
        assertThat(response.content()).isEqualTo("after throttling");
        assertThat(paths).hasSize(2);
    }

    @Test
    void should_not_retry_validation_error() {
        // given
        script.add(new Reply(400, "ValidationException", "{\"message\":\"bad input\"}"));

        // when / then
        assertThatThrownBy(() -> gateway().chat(ask("hi"))).isInstanceOfSatisfying(ProviderServerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.isRetriable()).isFalse();
        });
        assertThat(paths).hasSize(1);
    }
}
