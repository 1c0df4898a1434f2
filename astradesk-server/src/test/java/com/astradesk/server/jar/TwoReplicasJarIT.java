package com.astradesk.server.jar;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.replicas.ServiceUrls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas, one truth: two server processes ({@code java -jar astradesk-server.jar serve}) on one PostgreSQL,
 * Redis and NATS JetStream. A ticket created through A is read through B; an approval requested on A is decided on B
 * and its step runs once; an idempotent replay through B returns A's response; an asynchronous run queued on A is
 * completed by whichever replica's worker takes it.
 */
class TwoReplicasJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NATS_URL = "nats://127.0.0.1:4222";

    @TempDir
    Path home;

    @Test
    void should_share_tickets_approvals_idempotent_replays_and_async_runs_between_two_processes() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String stream = "ASTRADESK_IT_" + suffix.toUpperCase(java.util.Locale.ROOT);
        try (TestDatabase db = TestServices.createDatabase("two_replicas")) {
            Map<String, String> env = new HashMap<>();
            env.put("DATABASE_URL", ServiceUrls.databaseUrl(db.config()));
            env.put("REDIS_URL", TestServices.redis().url());
            env.put("NATS_URL", NATS_URL);
            env.put("AUDIT_STREAM", stream);
            env.put("AUDIT_SUBJECT", "astradesk.it." + suffix);
            env.put("AUDIT_DLQ_SUBJECT", "astradesk.it." + suffix + ".dlq");
            env.put("ASYNC_RUN_QUEUE", "work-it-" + suffix);
            env.put("APPROVAL_REQUIRED_TOOLS", "restart_service");
            // one dev key pair for both (tokens of either verify on the other): A creates it, B reads it
            try (ServerJarProcess a = new ServerJarProcess(home, env).awaitReady(Duration.ofSeconds(120));
                    ServerJarProcess b = new ServerJarProcess(home, env).awaitReady(Duration.ofSeconds(120))) {
                ticketCreatedOnAIsReadOnB(a, b);
                approvalRequestedOnAIsDecidedOnBAndRunsOnce(a, b);
                idempotentReplayThroughBReturnsTheResponseOfA(a, b);
                asyncRunQueuedOnAIsCompletedByAWorker(a, b);
            }
        } finally {
            deleteStream(stream);
        }
    }

    private static void ticketCreatedOnAIsReadOnB(ServerJarProcess a, ServerJarProcess b) throws IOException {
        JsonNode created = a.run(
                a.token("alice", "it.support"), "support", "Create a ticket: printer on floor 3 jams on every job");
        JsonNode step = step(created, "create_ticket");
        assertThat(step.path("status").asText()).as(created.toString()).isEqualTo("ok");
        String ticketId = step.at("/result/ticket_id").asText();

        JsonNode read = b.run(b.token("bob", "sre"), "support", "status of ticket " + ticketId);

        JsonNode got = step(read, "get_ticket");
        assertThat(got.path("status").asText()).as(read.toString()).isEqualTo("ok");
        assertThat(got.at("/result/title").asText())
                .isEqualTo(step.at("/result/title").asText());
        assertThat(got.at("/result/reporter").asText()).isEqualTo("alice");
    }

    private static void approvalRequestedOnAIsDecidedOnBAndRunsOnce(ServerJarProcess a, ServerJarProcess b)
            throws IOException {
        String sam = a.token("sam", "sre");
        HttpResponse<String> parked = a.post(
                "/v1/agents/run", sam, "{\"agent\":\"ops\",\"input\":\"Restart payments-api, CPU > 90% for 15m\"}");
        assertThat(parked.statusCode()).as(parked.body()).isEqualTo(202);
        String approvalId = JSON.readTree(parked.body()).get("approval_id").asText();

        HttpResponse<String> approved =
                b.post("/v1/approvals/" + approvalId, b.token("ann", "approver"), "{\"decision\":\"approve\"}");
        HttpResponse<String> again =
                a.post("/v1/approvals/" + approvalId, a.token("carl", "approver"), "{\"decision\":\"approve\"}");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode decided = JSON.readTree(approved.body());
        assertThat(decided.at("/approval/status").asText()).isEqualTo("approved");
        assertThat(decided.at("/step/status").asText()).isEqualTo("ok");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("code").asText()).isEqualTo("approval_already_decided");
        JsonNode onA = JSON.readTree(a.get("/v1/approvals/" + approvalId, sam).body());
        assertThat(onA.at("/approval/status").asText()).isEqualTo("approved");
        assertThat(onA.at("/approval/decided_by").asText()).isEqualTo("ann");
        assertThat(onA.at("/approval/executed_at").asText())
                .isEqualTo(decided.at("/approval/executed_at").asText())
                .isNotBlank();
    }

    private static void idempotentReplayThroughBReturnsTheResponseOfA(ServerJarProcess a, ServerJarProcess b)
            throws IOException {
        String body = "{\"agent\":\"support\",\"input\":\"Create a ticket: badge reader at the east door is dead\"}";
        String key = "two-replicas-" + UUID.randomUUID();
        HttpResponse<String> first =
                a.post("/v1/agents/run", a.token("alice", "it.support"), body, "Idempotency-Key", key);
        HttpResponse<String> replay =
                b.post("/v1/agents/run", b.token("alice", "it.support"), body, "Idempotency-Key", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(JSON.readTree(replay.body())).isEqualTo(JSON.readTree(first.body()));
    }

    private static void asyncRunQueuedOnAIsCompletedByAWorker(ServerJarProcess a, ServerJarProcess b) throws Exception {
        String alice = a.token("alice", "it.support");
        HttpResponse<String> accepted = a.post(
                "/v1/agents/run",
                alice,
                "{\"agent\":\"support\",\"input\":\"How do I reset my VPN password?\"}",
                "Prefer",
                "respond-async");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();

        JsonNode done = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            // read through B: the run and its result are shared whoever queued or ran it
            done = JSON.readTree(b.get(location, b.token("alice", "it.support")).body());
            if (done.path("status").asText().equals("done")
                    || done.path("status").asText().equals("failed")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(done).isNotNull();
        assertThat(done.path("status").asText()).as(String.valueOf(done)).isEqualTo("done");
        assertThat(done.path("result_status").asInt()).isEqualTo(200);
        assertThat(done.at("/result/run_id").asText()).isEqualTo(location.substring("/v1/runs/".length()));
        assertThat(JSON.readTree(a.get(location, alice).body())).isEqualTo(done);
    }

    private static JsonNode step(JsonNode run, String tool) {
        for (JsonNode s : run.path("steps")) {
            if (tool.equals(s.path("tool").asText())) {
                return s;
            }
        }
        throw new AssertionError("no " + tool + " step in " + run);
    }

    private static void deleteStream(String stream) throws InterruptedException {
        try (Connection nats = Nats.connect(NATS_URL)) {
            nats.jetStreamManagement().deleteStream(stream);
        } catch (IOException | JetStreamApiException e) {
            // the stream may never have been created
        }
    }
}
