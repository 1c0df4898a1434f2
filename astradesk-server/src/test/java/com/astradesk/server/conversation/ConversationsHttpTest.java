package com.astradesk.server.conversation;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.HttpHarness.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.EventStream;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations over HTTP on the real wiring (keyword planner + follow-up resolution, built-in tools, approvals). */
class ConversationsHttpTest {
    @TempDir
    static Path home;

    private static AstraDeskServer server;
    private static HttpHarness http;
    private static String alice;
    private static String mallory;
    private static String viewer;

    @BeforeAll
    static void start() {
        Map<String, String> env = Map.of(
                "PORT", "0",
                "BIND_ADDRESS", "127.0.0.1",
                "ASTRADESK_HOME", home.toString(),
                "WEATHER_URL", "none",
                "APPROVAL_REQUIRED_TOOLS", "restart_service",
                "EMBEDDING_MODEL", "hashing",
                "KNOWLEDGE_DIR", home.resolve("kb").toString());
        server = ServerWiring.wire(AstraDeskConfig.fromEnv(env)).start();
        http = new HttpHarness(server);
        alice = token("alice", "sre");
        mallory = token("mallory", "sre");
        viewer = token("victor", "viewer");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String sub, String... roles) {
        String rolesJson = List.of(roles).stream().map(HttpHarness::quote).collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> minted =
                http.postJson("/dev/token", null, "{\"sub\":" + quote(sub) + ",\"roles\":" + rolesJson + "}");
        assertThat(minted.statusCode()).isEqualTo(200);
        return json(minted).get("access_token").asText();
    }

    private static HttpResponse<String> run(String token, String agent, String input, String conversationId) {
        String body = "{\"agent\":" + quote(agent) + ",\"input\":" + quote(input)
                + (conversationId == null ? "" : ",\"conversation_id\":" + quote(conversationId)) + "}";
        return http.postJson("/v1/agents/run", token, body);
    }

    @Test
    void everyResponseCarriesAConversationAndAFollowUpContinuesIt() {
        HttpResponse<String> first = run(alice, "ops", "show metrics for payments-api for the last 1h", null);
        assertThat(first.statusCode()).isEqualTo(200);
        String id = json(first).get("conversation_id").asText();
        assertThat(id).isNotBlank().isNotEqualTo(json(first).get("run_id").asText());

        HttpResponse<String> second = run(alice, "ops", "and for the last 6h?", id);
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode body = json(second);
        assertThat(body.get("conversation_id").asText()).isEqualTo(id);
        assertThat(body.get("steps").get(0).get("tool").asText()).isEqualTo("get_metrics");
        assertThat(body.get("steps").get(0).get("args").get("service").asText()).isEqualTo("payments-api");
        assertThat(body.get("steps").get(0).get("args").get("window").asText()).isEqualTo("6h");

        HttpResponse<String> third = run(alice, "ops", "a teraz dla webapp", id);
        assertThat(json(third).get("steps").get(0).get("args").get("service").asText())
                .isEqualTo("webapp");

        JsonNode conversation = json(http.get("/v1/conversations/" + id, alice));
        assertThat(conversation.get("conversation_id").asText()).isEqualTo(id);
        assertThat(conversation.get("turns")).hasSize(3);
        assertThat(conversation.get("turns").get(1).get("input").asText()).isEqualTo("and for the last 6h?");
        assertThat(conversation
                        .get("turns")
                        .get(1)
                        .get("plan")
                        .get("steps")
                        .get(0)
                        .get("args")
                        .get("window")
                        .asText())
                .isEqualTo("6h");
        assertThat(conversation.get("turns").get(2).get("used_tools").get(0).asText())
                .isEqualTo("get_metrics");
    }

    @Test
    void aOneWordAnswerToWhichServiceRunsTheRestartThroughApproval() {
        HttpResponse<String> asked = run(alice, "ops", "restart the service", null);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(json(asked).get("steps")).isEmpty();
        assertThat(json(asked).get("output").asText()).containsIgnoringCase("which service");
        String id = json(asked).get("conversation_id").asText();

        HttpResponse<String> answered = run(alice, "ops", "payments-api", id);
        // restart_service needs an approval here: planned, parked, not run
        assertThat(answered.statusCode()).isEqualTo(202);
        JsonNode body = json(answered);
        assertThat(body.get("conversation_id").asText()).isEqualTo(id);
        assertThat(body.get("steps").get(0).get("tool").asText()).isEqualTo("restart_service");
        assertThat(body.get("steps").get(0).get("args").get("service").asText()).isEqualTo("payments-api");
        assertThat(body.get("approval_id").asText()).isNotBlank();
    }

    @Test
    void aViewerAnsweringWhichServiceIsDeniedAsUsual() {
        String id = json(run(viewer, "ops", "restart the service", null))
                .get("conversation_id")
                .asText();

        HttpResponse<String> denied = run(viewer, "ops", "payments-api", id);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).get("code").asText()).isEqualTo("tool_denied");
        assertThat(json(denied).get("conversation_id").asText()).isEqualTo(id);
    }

    @Test
    void anotherSubjectsConversationIsA404AndNeverRuns() {
        String id = json(run(alice, "ops", "show metrics for payments-api", null))
                .get("conversation_id")
                .asText();

        HttpResponse<String> foreign = run(mallory, "ops", "restart it", id);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(foreign).get("code").asText()).isEqualTo("conversation_not_found");
        assertThat(foreign.body()).doesNotContain("alice");

        assertThat(http.get("/v1/conversations/" + id, mallory).statusCode()).isEqualTo(404);
        assertThat(json(http.get("/v1/conversations/" + id, alice)).get("turns"))
                .hasSize(1);
        assertThat(http.get("/v1/conversations/no-such-conversation", alice).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aMalformedConversationIdIsA400NamingTheField() {
        HttpResponse<String> bad = http.postJson(
                "/v1/agents/run", alice, "{\"agent\":\"ops\",\"input\":\"hi\",\"conversation_id\":\"a b\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asText()).isEqualTo("conversation_id");
        HttpResponse<String> number =
                http.postJson("/v1/agents/run", alice, "{\"agent\":\"ops\",\"input\":\"hi\",\"conversation_id\":42}");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(json(number).get("field").asText()).isEqualTo("conversation_id");
    }

    @Test
    void aStreamedRunNamesItsConversationInRunStartedAndRunCompleted() {
        String id = json(run(alice, "ops", "show metrics for auth-service", null))
                .get("conversation_id")
                .asText();

        EventStream stream = http.stream(
                "/v1/agents/run",
                alice,
                "{\"agent\":\"ops\",\"input\":\"and for the last 2h?\",\"conversation_id\":" + quote(id) + "}");
        assertThat(stream.first("run.started")
                        .orElseThrow()
                        .json()
                        .get("conversation_id")
                        .asText())
                .isEqualTo(id);
        JsonNode completed = stream.first("run.completed").orElseThrow().json();
        assertThat(completed.get("conversation_id").asText()).isEqualTo(id);
        assertThat(completed.get("steps").get(0).get("args").get("window").asText())
                .isEqualTo("2h");

        EventStream foreign = http.stream(
                "/v1/agents/run",
                mallory,
                "{\"agent\":\"ops\",\"input\":\"and for the last 2h?\",\"conversation_id\":" + quote(id) + "}");
        assertThat(foreign.response().statusCode()).isEqualTo(404);
    }
}
