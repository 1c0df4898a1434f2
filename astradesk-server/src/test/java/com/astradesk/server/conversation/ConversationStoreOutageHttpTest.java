package com.astradesk.server.conversation;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.memory.ConversationCursor;
import com.astradesk.core.memory.ConversationPage;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.http.AstraDeskServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A dialogue store outage on the conversation routes: 503 problem+json with Retry-After, nothing of the cause. */
class ConversationStoreOutageHttpTest {
    private static final String INTERNALS = "db-primary:5432 refused (password hunter2)";
    private static final DevIssuer ISSUER = DevIssuer.ephemeral();

    /** A dialogue store whose database does not answer. */
    private static final DialogueStore DOWN = new DialogueStore() {
        private StoreUnavailableException down() {
            return new StoreUnavailableException("postgres", "postgres: connection to " + INTERNALS, null);
        }

        @Override
        public void save(DialogueRecord record) {
            throw down();
        }

        @Override
        public Optional<DialogueRecord> findByRunId(String runId) {
            throw down();
        }

        @Override
        public List<DialogueRecord> recentByActor(String actor, int limit) {
            throw down();
        }

        @Override
        public List<DialogueRecord> conversation(String conversationId, int limit) {
            throw down();
        }

        @Override
        public ConversationPage conversationsOf(String actor, int limit, Optional<ConversationCursor> after) {
            throw down();
        }
    };

    private static AstraDeskServer server;
    private static HttpHarness http;
    private static String token;

    @BeforeAll
    static void start() {
        TestFixtures fixtures = new TestFixtures();
        server = AstraDeskServer.builder()
                .withAgents(fixtures.agents())
                .withToolRegistry(fixtures.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(ISSUER))
                .withDialogues(DOWN)
                .build()
                .start();
        http = new HttpHarness(server);
        token = ISSUER.mint("alice", List.of("sre"), List.of(), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v1/conversations/c-0f8e2a61", "/v1/conversations", "/v1/conversations?limit=5"})
    void should_answer_503_with_retry_after_when_the_dialogue_store_is_down(String path) {
        // when
        HttpResponse<String> response = http.get(path, token);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).isEqualTo("service_unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asText()).isEqualTo("the conversation store is unavailable; retry later");
        assertThat(problem.get("request_id").asText())
                .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(response.body())
                .doesNotContain("hunter2")
                .doesNotContain("db-primary")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
