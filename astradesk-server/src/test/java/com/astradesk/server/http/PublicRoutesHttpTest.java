package com.astradesk.server.http;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.health.ReadinessCheck;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PublicRoutesHttpTest {
    private static final TestFixtures FIXTURES = new TestFixtures();
    private static final DevIssuer ISSUER = DevIssuer.ephemeral();
    private static AstraDeskServer server;
    private static HttpHarness http;

    @BeforeAll
    static void start() {
        server = AstraDeskServer.builder()
                .withAgents(FIXTURES.agents())
                .withToolRegistry(FIXTURES.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(ISSUER))
                .withDevIssuer(ISSUER)
                .build()
                .start();
        http = new HttpHarness(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void should_answer_healthz_without_auth() {
        HttpResponse<String> response = http.get("/healthz", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void should_be_ready_when_no_dependency_is_configured() {
        HttpResponse<String> response = http.get("/readyz", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("ready");
    }

    @Test
    void should_answer_503_naming_the_failing_dependencies() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (ServerSocket open = new ServerSocket(0);
                AstraDeskServer probed = AstraDeskServer.builder()
                        .withToolRegistry(FIXTURES.registry)
                        .withTokenVerifier(TokenVerifier.forDevIssuer(ISSUER))
                        .withReadinessChecks(List.of(
                                ReadinessCheck.tcp(
                                        "database",
                                        URI.create("postgresql://127.0.0.1:" + open.getLocalPort() + "/db"),
                                        5432,
                                        Duration.ofSeconds(1)),
                                ReadinessCheck.tcp(
                                        "redis",
                                        URI.create("redis://127.0.0.1:" + closedPort),
                                        6379,
                                        Duration.ofSeconds(1))))
                        .build()
                        .start()) {
            HttpResponse<String> response = new HttpHarness(probed).get("/readyz", null);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            JsonNode problem = json(response);
            assertThat(problem.get("code").asText()).isEqualTo("not_ready");
            assertThat(problem.get("failing")).extracting(JsonNode::asText).containsExactly("redis");
            assertThat(problem.get("detail").asText()).contains("redis").doesNotContain("database");
        }
    }

    @Test
    void should_document_every_registered_route_in_openapi() {
        HttpResponse<String> response = http.get("/openapi.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = json(response);
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        assertThat(doc.get("info").get("version").asText()).isEqualTo("v1");
        assertThat(server.routes()).contains("POST /v1/agents/run", "POST /dev/token");
        for (String route : server.routes()) {
            String[] parts = route.split(" ", 2);
            JsonNode path = doc.get("paths").get(parts[1]);
            assertThat(path).as("path %s in openapi.json", parts[1]).isNotNull();
            assertThat(path.get(parts[0].toLowerCase(Locale.ROOT)))
                    .as("%s in openapi.json", route)
                    .isNotNull();
        }
        assertThat(doc.get("components").get("schemas").get("Problem").get("required"))
                .extracting(JsonNode::asText)
                .contains("type", "title", "status", "detail", "code", "request_id");
    }

    @Test
    void should_serve_the_dev_issuer_jwks_without_private_parts() {
        JsonNode jwks = json(http.get("/.well-known/jwks.json", null));

        JsonNode key = jwks.get("keys").get(0);
        assertThat(key.get("kid").asText()).isEqualTo(ISSUER.keyId());
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.has("d")).isFalse();
        assertThat(key.has("p")).isFalse();
    }

    @Test
    void should_mint_a_token_on_dev_token_that_the_server_accepts() {
        HttpResponse<String> minted = http.postJson(
                "/dev/token", null, "{\"sub\":\"dave\",\"roles\":[\"sre\"],\"groups\":[\"ops\"],\"ttl_seconds\":600}");

        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        JsonNode body = json(minted);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(600);
        HttpResponse<String> tools =
                http.get("/v1/tools", body.get("access_token").asText());
        assertThat(tools.statusCode()).isEqualTo(200);
        assertThat(json(tools).get("tools"))
                .extracting(t -> t.get("name").asText())
                .contains("restart_service");
    }

    @Test
    void should_refuse_dev_token_requests_with_bad_fields() {
        HttpResponse<String> response = http.postJson("/dev/token", null, "{\"sub\":\"dave\",\"ttl_seconds\":-5}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asText()).isEqualTo("ttl_seconds");
    }
}
