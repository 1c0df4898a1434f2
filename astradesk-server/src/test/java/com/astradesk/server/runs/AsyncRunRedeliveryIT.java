package com.astradesk.server.runs;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.coordination.WorkLease;
import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.store.redis.RedisStores;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.RunningServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queued run whose worker dies mid-run (it took the run and ran its restart step, then never finished) is taken by
 * another server's worker once the lease expires, and the restart step is answered from its step record: the
 * restart does not happen a second time.
 */
class AsyncRunRedeliveryIT {
    private static final String RESTART = "{\"agent\":\"ops\",\"input\":\"Restart payments-api, CPU > 90% for 15m\"}";

    @TempDir
    Path home;

    @Test
    void should_finish_a_run_whose_worker_died_on_another_server_without_restarting_twice() throws Exception {
        String namespace = "work-it-" + UUID.randomUUID();
        try (TestDatabase db = TestServices.createDatabase("async_redelivery");
                RedisStores redis = RedisStores.open(TestServices.redis())) {
            Map<String, String> env = new HashMap<>();
            env.put("DATABASE_URL", com.astradesk.server.replicas.ServiceUrls.databaseUrl(db.config()));
            env.put("REDIS_URL", TestServices.redis().url());
            env.put("ASYNC_RUN_QUEUE", namespace);
            env.put("ASYNC_RUN_LEASE", "5s");
            Map<String, String> queueOnly = new HashMap<>(env);
            queueOnly.put("ASYNC_RUN_WORKERS", "0");
            WorkQueue queue = redis.workQueue(namespace);

            try (RunningServer a = new RunningServer(home, queueOnly)) {
                String sam = a.token("sam", "sre");
                // given: a run queued on A (which takes no runs itself)
                HttpResponse<String> accepted = AsyncRuns.submit(a.http(), sam, RESTART);
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                String runId = json(accepted).get("run_id").asText();

                // and: a worker took it, ran its restart step (as a worker does: the run's key, the same plan), died
                WorkLease dead = queue.take(Duration.ofSeconds(1), 3).orElseThrow();
                assertThat(dead.id()).isEqualTo(runId);
                String runKey = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(dead.payload())
                        .get("idempotency_key")
                        .asText();
                JsonNode firstAttempt = json(a.http()
                        .send(a.http()
                                .request("/v1/agents/run")
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + sam)
                                .header("Idempotency-Key", runKey)
                                .POST(HttpRequest.BodyPublishers.ofString(RESTART))));
                JsonNode restartedAt =
                        RunningServer.step(firstAttempt, "restart_service").at("/result/at");
                assertThat(restartedAt.isTextual()).as(firstAttempt.toString()).isTrue();
                assertThat(HttpHarness.json(a.http().get("/v1/runs/" + runId, sam))
                                .get("status")
                                .asText())
                        .isEqualTo("running");

                // when: B's workers start after the dead worker's lease expired
                Thread.sleep(1500);
                try (RunningServer b = new RunningServer(home, env)) {
                    JsonNode done = AsyncRuns.awaitFinished(b.http(), sam, "/v1/runs/" + runId, Duration.ofSeconds(60));

                    // then: done on the second attempt; the restart step is the first attempt's restart
                    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
                    assertThat(done.get("attempts").asInt()).isEqualTo(2);
                    assertThat(done.get("result_status").asInt()).isEqualTo(200);
                    JsonNode step = RunningServer.step(done.get("result"), "restart_service");
                    assertThat(step.path("status").asText()).isEqualTo("ok");
                    assertThat(step.at("/result/at")).isEqualTo(restartedAt);
                    assertThat(done.at("/result/run_id").asText()).isEqualTo(runId);
                    // and A, which never ran it, shows the same
                    assertThat(HttpHarness.json(a.http().get("/v1/runs/" + runId, sam)))
                            .isEqualTo(done);
                }
            }
        }
    }
}
