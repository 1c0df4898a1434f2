package com.astradesk.server.auth;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.HttpHarness.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real OIDC server (mock-oauth2-server) issues Keycloak-style tokens whose realm roles reach the RBAC decision. */
class KeycloakStyleOidcTest {
    private static final String REALM = "astradesk";
    private static final String AUDIENCE = "astradesk-api";
    private static MockOAuth2Server oidc;
    private static AstraDeskServer server;
    private static HttpHarness http;

    @BeforeAll
    static void start() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start(InetAddress.getLoopbackAddress(), 0);
        AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of(
                "ASTRADESK_ENV",
                "production",
                "OIDC_ISSUER",
                oidc.issuerUrl(REALM).toString(),
                "OIDC_AUDIENCE",
                AUDIENCE,
                "OIDC_JWKS_URL",
                oidc.jwksUrl(REALM).toString()));
        TestFixtures fixtures = new TestFixtures();
        server = AstraDeskServer.builder()
                .withAgents(fixtures.agents())
                .withToolRegistry(fixtures.registry)
                .withTokenVerifier(TokenVerifier.forIssuer(config.auth()))
                .build()
                .start();
        http = new HttpHarness(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        oidc.shutdown();
    }

    private static String token(String subject, List<String> realmRoles) {
        return oidc.issueToken(
                        REALM,
                        subject,
                        AUDIENCE,
                        Map.of("realm_access", Map.of("roles", realmRoles), "preferred_username", subject),
                        300L)
                .serialize();
    }

    private static HttpResponse<String> restart(String token) {
        return http.postJson(
                "/v1/agents/run", token, "{\"agent\":\"ops\",\"input\":" + quote("restart payments-api") + "}");
    }

    @Test
    void should_allow_restart_when_realm_roles_hold_sre() {
        HttpResponse<String> response = restart(token("erin", List.of("offline_access", "SRE")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("used_tools")).extracting(n -> n.asText()).containsExactly("restart_service");
        assertThat(json(response).get("steps").get(0).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void should_deny_restart_with_403_when_realm_roles_lack_sre() {
        HttpResponse<String> response = restart(token("frank", List.of("offline_access", "viewer")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(json(response).get("code").asText()).isEqualTo("tool_denied");
        assertThat(json(response).get("required_roles"))
                .extracting(n -> n.asText())
                .containsExactly("sre");
    }

    @Test
    void should_refuse_a_token_from_another_realm_as_invalid_issuer() {
        String other =
                oidc.issueToken("other-realm", "gina", AUDIENCE, Map.of(), 300L).serialize();

        HttpResponse<String> response = http.get("/v1/agents", other);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("code").asText()).isIn("invalid_issuer", "invalid_token");
    }
}
