package com.astradesk.server.wiring;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.Main;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerWiringTest {
    @TempDir
    Path home;

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("ASTRADESK_HOME", home.toString());
        env.putAll(extra);
        return env;
    }

    @Test
    void should_serve_both_reference_agents_in_embedded_mode_and_accept_cli_tokens() {
        Map<String, String> env = env(Map.of());
        StringWriter out = new StringWriter();
        int code = Main.run(
                new String[] {"token", "--sub", "alice", "--roles", "sre"},
                env,
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        String token = out.toString().strip();

        try (AstraDeskServer server =
                ServerWiring.wire(AstraDeskConfig.fromEnv(env)).start()) {
            HttpHarness http = new HttpHarness(server);

            HttpResponse<String> agents = http.get("/v1/agents", token);

            assertThat(agents.statusCode()).as(agents.body()).isEqualTo(200);
            assertThat(json(agents).get("agents"))
                    .extracting(a -> a.get("name").asText())
                    .containsExactly("ops", "support");
            assertThat(json(http.get("/v1/tools", token)).get("tools"))
                    .extracting(t -> t.get("name").asText())
                    .contains("restart_service", "get_metrics", "create_ticket");
            HttpResponse<String> restart = http.postJson(
                    "/v1/agents/run", token, "{\"agent\":\"ops\",\"input\":\"Please restart payments-api\"}");
            assertThat(restart.statusCode()).as(restart.body()).isEqualTo(200);
            assertThat(json(restart).get("used_tools"))
                    .extracting(JsonNode::asText)
                    .containsExactly("restart_service");
            assertThat(json(restart)
                            .get("steps")
                            .get(0)
                            .get("args")
                            .get("service")
                            .asText())
                    .isEqualTo("payments-api");
            assertThat(awaitReady(http))
                    .as("ready once the knowledge base has loaded")
                    .isEqualTo(200);
            assertThat(http.get("/.well-known/jwks.json", null).statusCode()).isEqualTo(200);
            HttpResponse<String> minted = http.postJson("/dev/token", null, "{\"sub\":\"bob\",\"roles\":[\"viewer\"]}");
            assertThat(minted.statusCode()).isEqualTo(200);
            HttpResponse<String> denied = http.postJson(
                    "/v1/agents/run",
                    json(minted).get("access_token").asText(),
                    "{\"agent\":\"ops\",\"input\":\"Please restart payments-api\"}");
            assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
            assertThat(json(denied).get("tool").asText()).isEqualTo("restart_service");
        }
    }

    @Test
    void should_not_offer_dev_token_or_jwks_when_an_external_issuer_is_configured() {
        Map<String, String> env = env(Map.of(
                "OIDC_ISSUER", "https://idp.example.test",
                "OIDC_AUDIENCE", "api",
                "OIDC_JWKS_URL", "http://127.0.0.1:9/jwks"));

        try (AstraDeskServer server =
                ServerWiring.wire(AstraDeskConfig.fromEnv(env)).start()) {
            HttpHarness http = new HttpHarness(server);

            HttpResponse<String> minted =
                    http.postJson("/dev/token", null, "{\"sub\":\"mallory\",\"roles\":[\"sre\"]}");

            assertThat(minted.statusCode()).isEqualTo(404);
            JsonNode problem = json(minted);
            assertThat(problem.get("code").asText()).isEqualTo("not_found");
            assertThat(minted.body()).doesNotContain("access_token");
            assertThat(http.get("/.well-known/jwks.json", null).statusCode()).isEqualTo(404);
            assertThat(server.routes()).doesNotContain("POST /dev/token");
        }
        assertThat(home.resolve("var")).doesNotExist();
    }

    /** Polls {@code /readyz} until 200 (the knowledge base loads in the background) or 60 s pass. */
    static int awaitReady(HttpHarness http) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        int status = http.get("/readyz", null).statusCode();
        while (status != 200 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = http.get("/readyz", null).statusCode();
        }
        return status;
    }
}
