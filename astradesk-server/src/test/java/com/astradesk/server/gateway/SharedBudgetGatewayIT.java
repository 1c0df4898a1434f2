package com.astradesk.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.config.GatewayConfig;
import com.astradesk.server.wiring.GatewayWiring;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two gateway replicas sharing one real Redis (REDIS_URL) hold one token budget per principal. */
class SharedBudgetGatewayIT {
    @TempDir
    Path home;

    @Test
    void should_hold_one_budget_across_two_replicas() throws Exception {
        try (FakeOpenAiProvider provider = new FakeOpenAiProvider()) {
            Map<String, String> env = Map.of(
                    "GATEWAY_PORT", "0",
                    "BIND_ADDRESS", "127.0.0.1",
                    "ASTRADESK_HOME", home.toString(),
                    "REDIS_URL", TestServices.redis().url(),
                    "MODEL_PROVIDER", "vllm",
                    "MODEL_NAME", "fake-model",
                    "MODEL_BASE_URL", provider.baseUrl(),
                    "GATEWAY_TOKENS_PER_MINUTE", "20");
            GatewayConfig config = GatewayConfig.fromEnv(env);
            try (ModelGatewayServer a = GatewayWiring.wire(config).start();
                    ModelGatewayServer b = GatewayWiring.wire(config).start()) {
                // both replicas read the dev issuer key from the shared home
                String token = DevIssuer.loadOrCreate(config.devIssuer().keyFile())
                        .mint("budget-" + UUID.randomUUID(), List.of("it.support"), List.of(), Duration.ofMinutes(5));

                HttpResponse<String> first = complete(a, token, "one two three four five six seven eight"); // 16
                HttpResponse<String> second = complete(b, token, "hi"); // admitted with 4 left: 7 + 2 tokens
                HttpResponse<String> third = complete(a, token, "hi");
                HttpResponse<String> ready = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + "/readyz"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

                assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
                assertThat(first.headers().firstValue("x-ratelimit-remaining-tokens"))
                        .contains("4");
                assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
                assertThat(third.statusCode()).isEqualTo(429);
                assertThat(third.headers().firstValue("Retry-After")).isPresent();
                assertThat(third.body()).contains("\"code\":\"rate_limit_exceeded\"");
                assertThat(provider.requests()).hasSize(2);
                assertThat(ready.statusCode()).isEqualTo(200);
            }
        }
    }

    private static HttpResponse<String> complete(ModelGatewayServer gateway, String token, String text)
            throws Exception {
        String body = "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
