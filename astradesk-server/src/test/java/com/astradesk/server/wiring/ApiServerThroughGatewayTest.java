package com.astradesk.server.wiring;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.Main;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.config.GatewayConfig;
import com.astradesk.server.gateway.FakeOpenAiProvider;
import com.astradesk.server.gateway.ModelGatewayServer;
import com.astradesk.server.http.AstraDeskServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server pointed at {@code astradesk gateway} with {@code MODEL_PROVIDER=openai} + {@code MODEL_BASE_URL}
 * (its token as {@code OPENAI_API_KEY}): the LLM planner's call passes the gateway to the provider behind it.
 */
class ApiServerThroughGatewayTest {
    @TempDir
    Path home;

    private Map<String, String> gatewayEnv(FakeOpenAiProvider provider) {
        return new HashMap<>(Map.of(
                "GATEWAY_PORT", "0",
                "BIND_ADDRESS", "127.0.0.1",
                "ASTRADESK_HOME", home.toString(),
                "MODEL_PROVIDER", "vllm",
                "MODEL_NAME", "planner",
                "MODEL_BASE_URL", provider.baseUrl(),
                "MODEL_MAX_RETRIES", "0"));
    }

    @Test
    void should_plan_through_the_gateway_when_the_api_server_points_at_it() throws Exception {
        try (FakeOpenAiProvider provider = new FakeOpenAiProvider()) {
            provider.answer(
                    "{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"database\",\"window\":\"1h\"}}]}");
            provider.streamAnswer("The database metrics are in [1].");
            GatewayConfig gatewayConfig = GatewayConfig.fromEnv(gatewayEnv(provider));
            DevIssuer issuer = DevIssuer.loadOrCreate(gatewayConfig.devIssuer().keyFile());
            String serviceToken = issuer.mint("astradesk-api", List.of("model.user"), List.of(), Duration.ofHours(1));
            try (ModelGatewayServer gateway = GatewayWiring.wire(gatewayConfig).start()) {
                AstraDeskConfig apiConfig = AstraDeskConfig.fromEnv(Map.of(
                        "PORT", "0",
                        "BIND_ADDRESS", "127.0.0.1",
                        "ASTRADESK_HOME", home.toString(),
                        "EMBEDDING_MODEL", "hashing",
                        "MODEL_PROVIDER", "openai",
                        "MODEL_NAME", "planner",
                        "MODEL_BASE_URL", "http://127.0.0.1:" + gateway.port() + "/v1",
                        "OPENAI_API_KEY", serviceToken,
                        "MODEL_MAX_RETRIES", "0"));
                String sre = issuer.mint("sam", List.of("sre"), List.of(), Duration.ofMinutes(5));
                try (AstraDeskServer api = ServerWiring.wire(apiConfig).start()) {
                    HttpResponse<String> r = new HttpHarness(api)
                            .postJson(
                                    "/v1/agents/run",
                                    sre,
                                    "{\"agent\":\"ops\",\"input\":\"Is the primary store healthy lately?\"}");

                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    JsonNode run = json(r);
                    assertThat(run.get("used_tools"))
                            .extracting(JsonNode::asText)
                            .containsExactly("get_metrics");
                    assertThat(run.get("steps")
                                    .get(0)
                                    .get("args")
                                    .get("service")
                                    .asText())
                            .isEqualTo("database");
                    assertThat(run.get("degraded").asBoolean()).isFalse();
                    // the answer model writes the tool run's answer, streamed through the gateway too
                    assertThat(run.get("output").asText()).isEqualTo("The database metrics are in [1].");
                }
            }
            assertThat(provider.requests()).hasSize(2);
            assertThat(provider.requests())
                    .allSatisfy(r -> assertThat(r.get("model").asText()).isEqualTo("planner"));
            assertThat(provider.requests())
                    .extracting(r -> r.path("stream").asBoolean(false))
                    .containsExactly(false, true);
            // the provider sees the gateway's credentials, never the API server's token
            assertThat(provider.authorizations()).noneMatch(a -> a.contains(serviceToken));
        }
    }

    @Test
    void should_stop_startup_naming_the_variable_when_the_gateway_has_no_model_or_a_bad_budget() throws Exception {
        try (FakeOpenAiProvider provider = new FakeOpenAiProvider()) {
            Map<String, String> noModel = gatewayEnv(provider);
            noModel.remove("MODEL_PROVIDER");
            Map<String, String> badBudget = gatewayEnv(provider);
            badBudget.put("GATEWAY_TOKENS_PER_MINUTE", "0");

            assertThatThrownBy(() -> GatewayConfig.fromEnv(noModel))
                    .isInstanceOfSatisfying(
                            ConfigException.class,
                            e -> assertThat(e.variables()).containsExactly("MODEL_PROVIDER"));
            assertThatThrownBy(() -> GatewayConfig.fromEnv(badBudget))
                    .isInstanceOfSatisfying(
                            ConfigException.class,
                            e -> assertThat(e.variables()).containsExactly("GATEWAY_TOKENS_PER_MINUTE"));
            StringWriter err = new StringWriter();
            int code = Main.run(
                    new String[] {"gateway"}, noModel, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
            assertThat(code).isEqualTo(Main.EXIT_CONFIG);
            assertThat(err.toString()).contains("MODEL_PROVIDER");
        }
    }
}
