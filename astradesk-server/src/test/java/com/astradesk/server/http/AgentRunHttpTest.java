package com.astradesk.server.http;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.HttpHarness.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentRunHttpTest {
    private static final TestFixtures FIXTURES = new TestFixtures();
    private static final DevIssuer ISSUER = DevIssuer.ephemeral();
    private static AstraDeskServer server;
    private static HttpHarness http;
    private static String sre;
    private static String viewer;

    @BeforeAll
    static void start() {
        server = AstraDeskServer.builder()
                .withAgents(FIXTURES.agents())
                .withToolRegistry(FIXTURES.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(ISSUER))
                .build()
                .start();
        http = new HttpHarness(server);
        sre = ISSUER.mint("alice", List.of("sre"), List.of(), Duration.ofMinutes(5));
        viewer = ISSUER.mint("bob", List.of("viewer"), List.of(), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String body(String agent, String input) {
        return "{\"agent\":" + quote(agent) + ",\"input\":" + quote(input) + "}";
    }

    @Test
    void should_return_the_contract_fields_when_a_tool_step_runs() {
        // when
        HttpResponse<String> response = http.postJson("/v1/agents/run", sre, body("ops", "restart webapp"));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode run = json(response);
        assertThat(run.get("run_id").asText()).isNotBlank();
        assertThat(response.headers().firstValue("X-Run-Id"))
                .contains(run.get("run_id").asText());
        assertThat(run.get("agent").asText()).isEqualTo("ops");
        assertThat(run.get("output").asText()).isNotBlank();
        assertThat(run.get("reasoning_trace_id").asText()).isNotBlank();
        assertThat(run.get("used_tools")).extracting(JsonNode::asText).containsExactly("restart_service");
        JsonNode step = run.get("steps").get(0);
        assertThat(step.get("tool").asText()).isEqualTo("restart_service");
        assertThat(step.get("args").get("service").asText()).isEqualTo("webapp");
        assertThat(step.get("status").asText()).isEqualTo("ok");
        assertThat(step.get("result").get("tool").asText()).isEqualTo("restart_service");
        assertThat(run.get("citations").isArray()).isTrue();
        assertThat(run.get("degraded").asBoolean()).isFalse();
        assertThat(run.has("degraded_reason")).isFalse();
    }

    @Test
    void should_return_citations_when_the_agent_answers_from_knowledge() {
        JsonNode run = json(http.postJson("/v1/agents/run", viewer, body("ops", "how do I handle an outage?")));

        assertThat(run.get("steps")).isEmpty();
        JsonNode citation = run.get("citations").get(0);
        assertThat(citation.get("source").asText()).isEqualTo("runbook.md");
        assertThat(citation.get("chunk").asInt()).isEqualTo(2);
        assertThat(citation.get("score").asDouble()).isEqualTo(0.9);
    }

    @Test
    void should_answer_403_naming_tool_and_roles_and_journal_the_run_when_policy_denies_a_step() {
        // when
        HttpResponse<String> response = http.postJson("/v1/agents/run", viewer, body("ops", "restart payments-api"));

        // then
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).isEqualTo("tool_denied");
        assertThat(problem.get("tool").asText()).isEqualTo("restart_service");
        assertThat(problem.get("required_roles")).extracting(JsonNode::asText).containsExactly("sre");
        assertThat(problem.get("detail").asText()).contains("restart_service").contains("sre");
        String runId = problem.get("run_id").asText();
        assertThat(response.headers().firstValue("X-Run-Id")).contains(runId);
        List<AuditRecord> audits = FIXTURES.auditLog.forRun(runId);
        assertThat(audits).anySatisfy(a -> {
            assertThat(a.tool()).contains("restart_service");
            assertThat(a.decision()).isEqualTo(AuditDecision.DENIED);
            assertThat(a.actor()).isEqualTo("bob");
        });
        assertThat(FIXTURES.dialogues.findByRunId(runId)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "line one\nline two\r\nline three",
                "CPU > 90% on webapp",
                "it costs $5 and {braces} and \"quotes\" and \\backslash",
                "emoji 🚀🔥 and ümlauts and 日本語",
                "<script>alert(1)</script>",
                "x"
            })
    void should_accept_any_unicode_input(String input) {
        HttpResponse<String> response = http.postJson("/v1/agents/run", viewer, body("support", input));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("agent").asText()).isEqualTo("support");
    }

    @Test
    void should_accept_exactly_8000_characters_and_refuse_8001_naming_input() {
        assertThat(http.postJson("/v1/agents/run", viewer, body("support", "a".repeat(8000)))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> tooLong = http.postJson("/v1/agents/run", viewer, body("support", "a".repeat(8001)));

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get("code").asText()).isEqualTo("invalid_field");
        assertThat(json(tooLong).get("field").asText()).isEqualTo("input");
    }

    @Test
    void should_ignore_unknown_fields_and_accept_meta() {
        HttpResponse<String> response = http.postJson(
                "/v1/agents/run",
                viewer,
                "{\"agent\":\"support\",\"input\":\"hello\",\"meta\":{\"channel\":\"slack\"},\"extra\":[1,2]}");

        assertThat(response.statusCode()).isEqualTo(200);
        String runId = json(response).get("run_id").asText();
        assertThat(FIXTURES.dialogues.findByRunId(runId))
                .hasValueSatisfying(d -> assertThat(d.meta()).containsEntry("channel", "slack"));
    }

    @Test
    void should_list_only_the_tools_the_caller_may_use() {
        JsonNode forViewer = json(http.get("/v1/tools", viewer));
        JsonNode forSre = json(http.get("/v1/tools", sre));

        assertThat(forViewer.get("tools"))
                .extracting(t -> t.get("name").asText())
                .containsExactly("get_status");
        assertThat(forSre.get("tools"))
                .extracting(t -> t.get("name").asText())
                .containsExactly("create_ticket", "get_status", "restart_service");
        JsonNode restart = forSre.get("tools").get(2);
        assertThat(restart.get("side_effect").asText()).isEqualTo("execute");
        assertThat(restart.get("allowed_roles")).extracting(JsonNode::asText).containsExactly("sre");
    }

    @Test
    void should_list_the_agents() {
        HttpResponse<String> response = http.get("/v1/agents", viewer);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("agents"))
                .extracting(a -> a.get("name").asText())
                .containsExactly("ops", "support");
        assertThat(json(response).get("agents").get(0).get("tools"))
                .extracting(JsonNode::asText)
                .containsExactly("restart_service", "get_status");
    }
}
