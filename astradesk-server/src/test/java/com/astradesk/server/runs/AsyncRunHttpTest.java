package com.astradesk.server.runs;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.RunningServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asynchronous runs on the embedded server (in-memory queue, this server's workers). */
class AsyncRunHttpTest {
    private static final String TICKET =
            "{\"agent\":\"support\",\"input\":\"Create a ticket: VPN drops every 10 minutes for the Berlin office\"}";

    @TempDir
    Path home;

    private RunningServer server;
    private String alice;

    @BeforeEach
    void start() {
        server = new RunningServer(home, Map.of());
        alice = server.token("alice", "it.support");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void should_answer_202_with_location_and_finish_with_the_synchronous_body() throws Exception {
        // when
        HttpResponse<String> accepted = AsyncRuns.submit(server.http(), alice, TICKET);

        // then
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String runId = json(accepted).get("run_id").asText();
        assertThat(accepted.headers().firstValue("Location")).contains("/v1/runs/" + runId);
        assertThat(accepted.headers().firstValue("Preference-Applied")).contains("respond-async");
        assertThat(json(accepted).get("status").asText()).isEqualTo("queued");

        JsonNode done = AsyncRuns.awaitFinished(server.http(), alice, "/v1/runs/" + runId, Duration.ofSeconds(30));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.get("result_status").asInt()).isEqualTo(200);
        JsonNode result = done.get("result");
        JsonNode sync =
                server.run(alice, "support", "Create a ticket: VPN drops every 10 minutes for the Berlin office");
        assertThat(result.get("run_id").asText()).isEqualTo(runId);
        assertThat(fieldNames(result)).isEqualTo(fieldNames(sync));
        assertThat(RunningServer.step(result, "create_ticket").path("status").asText())
                .isEqualTo("ok");
    }

    @Test
    void should_show_a_run_only_to_its_requester_and_to_auditors() throws Exception {
        String runId = json(AsyncRuns.submit(server.http(), alice, TICKET))
                .get("run_id")
                .asText();
        AsyncRuns.awaitFinished(server.http(), alice, "/v1/runs/" + runId, Duration.ofSeconds(30));

        HttpResponse<String> other = server.http().get("/v1/runs/" + runId, server.token("bob", "it.support"));
        HttpResponse<String> auditor = server.http().get("/v1/runs/" + runId, server.token("ada", "auditor"));
        HttpResponse<String> unknown = server.http().get("/v1/runs/no-such-run", alice);
        HttpResponse<String> anonymous = server.http().get("/v1/runs/" + runId, null);

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json(other).get("code").asText()).isEqualTo("run_not_found");
        assertThat(auditor.statusCode()).isEqualTo(200);
        assertThat(json(auditor).get("status").asText()).isEqualTo("done");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void should_replay_the_202_for_a_repeated_idempotency_key_and_queue_nothing_more() throws Exception {
        HttpResponse<String> first = AsyncRuns.submit(server.http(), alice, TICKET, "Idempotency-Key", "async-key-1");
        HttpResponse<String> again = AsyncRuns.submit(server.http(), alice, TICKET, "Idempotency-Key", "async-key-1");
        HttpResponse<String> sync = server.http()
                .send(server.http()
                        .request("/v1/agents/run")
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + alice)
                        .header("Idempotency-Key", "async-key-1")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TICKET)));

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json(again).get("run_id").asText())
                .isEqualTo(json(first).get("run_id").asText());
        assertThat(again.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(sync.statusCode())
                .as("the key on a synchronous call is another request")
                .isEqualTo(422);
    }

    @Test
    void should_report_a_denied_step_as_done_with_the_403_problem_the_synchronous_call_answers() throws Exception {
        String viewer = server.token("vic", "viewer");
        HttpResponse<String> accepted = AsyncRuns.submit(
                server.http(), viewer, "{\"agent\":\"ops\",\"input\":\"Restart payments-api, CPU > 90% for 15m\"}");

        JsonNode done = AsyncRuns.awaitFinished(
                server.http(), viewer, accepted.headers().firstValue("Location").orElseThrow(), Duration.ofSeconds(30));

        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("result_status").asInt()).isEqualTo(403);
        assertThat(done.at("/result/code").asText()).isEqualTo("tool_denied");
    }

    @Test
    void should_reject_a_bad_request_before_queueing() {
        HttpResponse<String> unknownAgent =
                AsyncRuns.submit(server.http(), alice, "{\"agent\":\"nope\",\"input\":\"x\"}");

        assertThat(unknownAgent.statusCode()).isEqualTo(400);
        assertThat(json(unknownAgent).get("code").asText()).isEqualTo("unknown_agent");
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
