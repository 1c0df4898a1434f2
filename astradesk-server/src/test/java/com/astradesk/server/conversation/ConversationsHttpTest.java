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

    private static List<String> listed(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        json(page)
                .get("conversations")
                .forEach(c -> ids.add(c.get("conversation_id").asText()));
        return ids;
    }

    @Test
    void should_list_only_the_callers_conversations_latest_activity_first_and_page_them_with_a_cursor() {
        // given: three conversations of one subject, the first one resumed last; one of someone else
        String owner = token("lena", "sre");
        String other = token("otto", "sre");
        String first = json(run(owner, "ops", "show metrics for payments-api for the last 1h", null))
                .get("conversation_id")
                .asText();
        String second = json(run(owner, "ops", "show metrics for webapp for the last 6h", null))
                .get("conversation_id")
                .asText();
        String third = json(run(owner, "ops", "show metrics for webapp", null))
                .get("conversation_id")
                .asText();
        run(owner, "ops", "and for the last 6h?", first);
        String others = json(run(other, "ops", "show metrics for webapp", null))
                .get("conversation_id")
                .asText();

        // when
        HttpResponse<String> all = http.get("/v1/conversations", owner);
        HttpResponse<String> page1 = http.get("/v1/conversations?limit=2", owner);
        String cursor = json(page1).get("next_cursor").asText();
        HttpResponse<String> page2 = http.get("/v1/conversations?limit=2&cursor=" + cursor, owner);

        // then
        assertThat(listed(all)).containsExactly(first, third, second).doesNotContain(others);
        assertThat(all.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode resumed = json(all).get("conversations").get(0);
        assertThat(resumed.get("title").asText()).isEqualTo("show metrics for payments-api for the last 1h");
        assertThat(resumed.get("turns").asInt()).isEqualTo(2);
        assertThat(resumed.get("agent").asText()).isEqualTo("ops");
        assertThat(resumed.get("last_activity_at").asText())
                .isGreaterThan(resumed.get("started_at").asText());
        assertThat(json(all).get("next_cursor").isNull()).isTrue();
        assertThat(listed(page1)).containsExactly(first, third);
        assertThat(listed(page2)).containsExactly(second);
        assertThat(json(page2).get("next_cursor").isNull()).isTrue();
        assertThat(listed(http.get("/v1/conversations", other))).containsExactly(others);
    }

    @Test
    void should_list_no_conversations_for_a_caller_without_any() {
        // given
        String nobody = token("nadia", "viewer");

        // when
        HttpResponse<String> page = http.get("/v1/conversations", nobody);

        // then
        assertThat(listed(page)).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "limit=0, limit",
        "limit=101, limit",
        "limit=ten, limit",
        "cursor=not-a-cursor, cursor",
        "cursor=YzE6bm90LWEtdGltZXxhYmM, cursor",
        "limit=1&limit=2, limit",
        "sort=asc, sort"
    })
    void should_answer_a_bad_list_parameter_with_a_problem_naming_the_field(String query, String field) {
        // when
        HttpResponse<String> bad = http.get("/v1/conversations?" + query, alice);

        // then
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(bad).get("code").asText()).isEqualTo("invalid_field");
        assertThat(json(bad).get("field").asText()).isEqualTo(field);
        assertThat(bad.body()).doesNotContain("Exception");
    }

    @Test
    void should_refuse_to_list_conversations_without_a_token() {
        // when
        HttpResponse<String> anonymous = http.get("/v1/conversations", null);

        // then
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
