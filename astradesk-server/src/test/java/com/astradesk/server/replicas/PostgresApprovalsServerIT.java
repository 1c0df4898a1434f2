package com.astradesk.server.replicas;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With DATABASE_URL two servers share approvals: either one shows and decides them, one decision wins, and the
 * approved step's result is readable on both.
 */
class PostgresApprovalsServerIT {
    @TempDir
    Path home;

    @Test
    void should_show_an_approval_on_both_servers_and_let_one_of_two_concurrent_decisions_win() throws Exception {
        try (TestDatabase db = TestServices.createDatabase("server_approvals");
                RunningServer a = new RunningServer(home, env(db));
                RunningServer b = new RunningServer(home, env(db))) {
            String requester = a.token("sam", "sre");
            for (int round = 0; round < 5; round++) {
                // given: a restart parked for approval on A
                HttpResponse<String> run = a.http()
                        .postJson(
                                "/v1/agents/run", requester, "{\"agent\":\"ops\",\"input\":\"restart payments-api\"}");
                assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
                String id = json(run).get("approval_id").asText();

                // then: B shows it
                HttpResponse<String> shown = b.http().get("/v1/approvals/" + id, b.token("ann", "approver"));
                assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
                assertThat(json(shown).at("/approval/status").asText()).isEqualTo("pending");

                // when: ann approves on A while carol rejects on B
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<HttpResponse<String>>> decisions = new ArrayList<>();
                decisions.add(decide(a.http(), a.token("ann", "approver"), id, "approve", go));
                decisions.add(decide(b.http(), b.token("carol", "approver"), id, "reject", go));
                go.countDown();

                // then: exactly one 200, the other 409 naming the state the winner left
                List<Integer> statuses = new ArrayList<>();
                for (var d : decisions) {
                    HttpResponse<String> r = d.join();
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 409) {
                        assertThat(json(r).get("code").asText()).isEqualTo("approval_already_decided");
                    }
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 409);
                String finalState = json(a.http().get("/v1/approvals/" + id, requester))
                        .at("/approval/status")
                        .asText();
                assertThat(finalState).isIn("approved", "rejected");
                assertThat(json(b.http().get("/v1/approvals/" + id, requester))
                                .at("/approval/status")
                                .asText())
                        .isEqualTo(finalState);
                if (finalState.equals("approved")) {
                    // the requester reads what the step returned on either server: it is kept in the database
                    var kept =
                            json(b.http().get("/v1/approvals/" + id, requester)).at("/approval/result");
                    assertThat(kept.get("status").asText()).isEqualTo("ok");
                    assertThat(kept.at("/data/service").asText()).isEqualTo("payments-api");
                    assertThat(kept.at("/data/requested_by").asText()).isEqualTo("sam");
                } else {
                    assertThat(json(b.http().get("/v1/approvals/" + id, requester))
                                    .at("/approval")
                                    .has("result"))
                            .isFalse();
                }
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> decide(
            HttpHarness http, String token, String id, String decision, CountDownLatch go) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return http.postJson("/v1/approvals/" + id, token, "{\"decision\":\"" + decision + "\"}");
        });
    }

    private static Map<String, String> env(TestDatabase db) {
        return Map.of(
                "DATABASE_URL", ServiceUrls.databaseUrl(db.config()), "APPROVAL_REQUIRED_TOOLS", "restart_service");
    }
}
