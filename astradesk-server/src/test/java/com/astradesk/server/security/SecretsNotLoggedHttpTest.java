package com.astradesk.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.astradesk.core.agent.Agent;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.http.AstraDeskServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Captures the server's log output (stderr, at DEBUG) and checks no token, secret or raw e-mail is in it. */
class SecretsNotLoggedHttpTest {
    private static final String EMAIL = "alice.smith@example.com";
    private static final String OTHER_EMAIL = "bob.jones@example.org";
    private static final String PASSWORD = "Hunter2Secret!";
    private static final String API_KEY = "sk-live-1234567890abcdef";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private Level originalLevel;
    private Logger root;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        originalLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
    }

    @AfterEach
    void restore() {
        root.setLevel(originalLevel);
        System.setErr(originalErr);
    }

    private String logs() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_keep_tokens_secrets_and_emails_out_of_logs_and_responses() {
        DevIssuer issuer = DevIssuer.ephemeral();
        TestFixtures fixtures = new TestFixtures();
        Agent leaky = Agent.builder("leaky")
                .withPlanner(request -> {
                    throw new IllegalStateException("cannot plan for: " + request.input());
                })
                .withToolRegistry(fixtures.registry)
                .withRunJournal(fixtures.journal)
                .build();
        String token = issuer.mint(EMAIL, List.of("sre"), List.of(), Duration.ofMinutes(5));
        String input = "my password=" + PASSWORD + " mail " + OTHER_EMAIL + " token " + token + " api_key=" + API_KEY;
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (AstraDeskServer server = AstraDeskServer.builder()
                .withAgents(List.of(leaky))
                .withToolRegistry(fixtures.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(issuer))
                .build()
                .start()) {
            HttpHarness http = new HttpHarness(server);
            // when
            responses.add(http.postJson(
                    "/v1/agents/run", token, "{\"agent\":\"leaky\",\"input\":" + HttpHarness.quote(input) + "}"));
            responses.add(http.postJson(
                    "/v1/agents/run",
                    token,
                    "{\"agent\":" + HttpHarness.quote(OTHER_EMAIL) + ",\"input\":" + HttpHarness.quote(input) + "}"));
            responses.add(http.get("/v1/agents", token.substring(0, token.length() - 3) + "AAA"));
            responses.add(http.get("/v1/agents?access_token=" + token, null));
            LoggerFactory.getLogger("com.astradesk.test")
                    .warn("user {} sent {}", EMAIL, "api_key=" + API_KEY, new IllegalStateException("token " + token));
        }

        // then
        String logs = logs();
        assertThat(logs).contains("planner failed", "com.astradesk.test", "[REDACTED");
        assertThat(responses.get(0).statusCode()).isEqualTo(200);
        assertThat(responses.get(1).statusCode()).isEqualTo(400);
        assertThat(responses.get(2).statusCode()).isEqualTo(401);
        assertThat(responses.get(3).statusCode()).isEqualTo(401);
        for (String secret : List.of(EMAIL, OTHER_EMAIL, PASSWORD, API_KEY, token, token.substring(0, 40))) {
            assertThat(logs)
                    .as("logs must not contain " + secret.substring(0, 6) + "…")
                    .doesNotContain(secret);
            for (HttpResponse<String> r : responses) {
                assertThat(r.body()).doesNotContain(secret);
                assertThat(r.headers().map().toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    void should_expose_the_same_redactor_for_span_attributes() {
        assertThat(LogRedaction.attribute("contact " + EMAIL)).doesNotContain(EMAIL);
        assertThat(LogRedaction.attribute(null)).isNull();
        assertThat(LogRedaction.redactor()).isNotNull();
    }
}
