package com.astradesk.server.security;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.security.SecuredFixture.body;
import static com.astradesk.server.security.SecuredFixture.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalHttpTest {
    private SecuredFixture fx;
    private final String requester = token("sam", "sre");
    private final String approver = token("ann", "approver");

    @BeforeEach
    void start() {
        fx = new SecuredFixture(ServerSecurity.permissive(), Set.of("restart_service"), List.of());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String pending() {
        HttpResponse<String> run = fx.http.postJson("/v1/agents/run", requester, body("restart webapp"));
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        return json(run).get("approval_id").asText();
    }

    private HttpResponse<String> decide(String id, String token, String decision) {
        return fx.http.postJson(
                "/v1/approvals/" + id, token, "{\"decision\":\"" + decision + "\",\"reason\":\"checked\"}");
    }

    private List<String> auditActions() {
        return fx.auditLog.recent(1000).stream().map(AuditRecord::action).toList();
    }

    @Test
    void should_answer_202_pending_approval_without_running_the_step() {
        HttpResponse<String> run = fx.http.postJson("/v1/agents/run", requester, body("restart webapp"));

        assertThat(run.statusCode()).isEqualTo(202);
        JsonNode body = json(run);
        assertThat(body.get("status").asText()).isEqualTo("pending_approval");
        assertThat(body.get("approval_id").asText()).isNotBlank();
        assertThat(body.get("steps").get(0).get("status").asText()).isEqualTo("pending_approval");
        assertThat(body.get("steps").get(0).get("approval_id").asText())
                .isEqualTo(body.get("approval_id").asText());
        assertThat(fx.restarts.get()).isZero();
        assertThat(fx.auditLog.recent(10))
                .filteredOn(r -> r.action().equals("restart_service"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.decision().wireName()).isEqualTo("pending");
                    assertThat(r.args())
                            .containsEntry(
                                    "approval_id", body.get("approval_id").asText());
                });
    }

    @Test
    void should_run_the_step_as_the_requester_once_another_principal_approves() {
        String id = pending();

        HttpResponse<String> approved = decide(id, approver, "approve");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).get("approval").get("status").asText()).isEqualTo("approved");
        assertThat(json(approved).get("approval").get("decided_by").asText()).isEqualTo("ann");
        assertThat(json(approved).get("step").get("status").asText()).isEqualTo("ok");
        assertThat(fx.restarts.get()).isEqualTo(1);
        assertThat(auditActions()).contains("approval.approved", "restart_service");
        assertThat(fx.auditLog.recent(10))
                .filteredOn(r -> r.args().get("channel") != null
                        && r.args().get("channel").equals("approval"))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.args()).containsEntry("approval_id", id).containsEntry("outcome", "ok"));
        assertThat(json(decide(id, approver, "approve")).get("code").asText()).isEqualTo("approval_already_decided");
        assertThat(fx.restarts.get()).isEqualTo(1);
    }

    @Test
    void should_show_the_requester_what_the_approved_step_returned() {
        // given: the requester sees no result while the step waits
        String id = pending();
        JsonNode waiting = json(fx.http.get("/v1/approvals/" + id, requester)).get("approval");
        assertThat(waiting.has("result")).isFalse();

        // when
        decide(id, approver, "approve");

        // then: the requester (not the approver) reads the step's result later
        HttpResponse<String> read = fx.http.get("/v1/approvals/" + id, requester);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode approval = json(read).get("approval");
        assertThat(approval.get("executed_at").asText()).isNotBlank();
        JsonNode result = approval.get("result");
        assertThat(result.get("status").asText()).isEqualTo("ok");
        assertThat(result.get("outcome").asText()).isEqualTo("ok");
        assertThat(result.get("summary").asText()).isEqualTo("restart_service done");
        assertThat(result.get("data").get("tool").asText()).isEqualTo("restart_service");
        // redacted as the audit keeps arguments: a value under a secret-looking key is not kept
        assertThat(result.get("data").get("key").asText()).isEqualTo("[REDACTED:secret]");
        assertThat(result.has("error")).isFalse();
    }

    @Test
    void should_not_run_a_rejected_step_and_audit_the_rejection() {
        String id = pending();

        HttpResponse<String> rejected = decide(id, approver, "reject");

        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(json(rejected).get("approval").get("status").asText()).isEqualTo("rejected");
        assertThat(fx.restarts.get()).isZero();
        assertThat(auditActions()).contains("approval.rejected");
    }

    @Test
    void should_refuse_self_approval_with_403() {
        String selfApprover = token("sam", "sre", "approver");
        String id = pending();

        HttpResponse<String> self = decide(id, selfApprover, "approve");

        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(json(self).get("code").asText()).isEqualTo("self_approval");
        assertThat(fx.restarts.get()).isZero();
    }

    @Test
    void should_refuse_a_principal_without_the_approver_role_with_403() {
        String id = pending();

        HttpResponse<String> refused = decide(id, token("sara", "sre"), "approve");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("code").asText()).isEqualTo("not_an_approver");
        assertThat(fx.restarts.get()).isZero();
    }

    @Test
    void should_answer_404_for_an_unknown_approval() {
        HttpResponse<String> unknown = decide("00000000-0000-0000-0000-000000000000", approver, "approve");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("code").asText()).isEqualTo("approval_not_found");
    }

    @Test
    void should_answer_409_when_decided_twice() {
        String id = pending();
        decide(id, approver, "approve");

        HttpResponse<String> again = decide(id, approver, "reject");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("approval_already_decided");
        assertThat(fx.restarts.get()).isEqualTo(1);
    }

    @Test
    void should_answer_409_when_the_approval_expired() {
        String id = pending();
        fx.now.set(fx.now.get().plus(Duration.ofHours(2)));

        HttpResponse<String> late = decide(id, approver, "approve");

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json(late).get("code").asText()).isEqualTo("approval_expired");
        assertThat(fx.restarts.get()).isZero();
        assertThat(json(fx.http.get("/v1/approvals/" + id, requester))
                        .get("approval")
                        .get("status")
                        .asText())
                .isEqualTo("expired");
    }

    @Test
    void should_show_an_approval_to_its_requester_and_approvers_only() {
        String id = pending();

        HttpResponse<String> mine = fx.http.get("/v1/approvals/" + id, requester);
        HttpResponse<String> asApprover = fx.http.get("/v1/approvals/" + id, approver);
        HttpResponse<String> stranger = fx.http.get("/v1/approvals/" + id, token("eve", "viewer"));

        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(json(mine).get("approval").get("status").asText()).isEqualTo("pending");
        assertThat(json(mine).get("approval").get("tool").asText()).isEqualTo("restart_service");
        assertThat(asApprover.statusCode()).isEqualTo(200);
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(fx.http.get("/v1/approvals/nope", requester).statusCode()).isEqualTo(404);
    }

    @Test
    void should_deny_not_park_a_step_the_caller_may_not_run() {
        HttpResponse<String> denied =
                fx.http.postJson("/v1/agents/run", token("vic", "viewer"), body("restart webapp"));

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(fx.approvals.pending()).isEmpty();
    }

    @Test
    void should_reject_an_unknown_decision_with_400() {
        String id = pending();

        HttpResponse<String> bad = decide(id, approver, "maybe");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asText()).isEqualTo("decision");
    }

    @Test
    void should_list_pending_approvals_to_approvers_and_only_their_own_to_requesters() {
        // given
        String id = pending();
        String other = token("olga", "sre");

        // when
        JsonNode forApprover = json(fx.http.get("/v1/approvals", approver));
        JsonNode forRequester = json(fx.http.get("/v1/approvals", requester));
        JsonNode forOther = json(fx.http.get("/v1/approvals", other));
        decide(id, approver, "reject");
        JsonNode afterDecision = json(fx.http.get("/v1/approvals", approver));

        // then
        assertThat(forApprover.get("approvals")).hasSize(1);
        JsonNode a = forApprover.get("approvals").get(0);
        assertThat(a.get("id").asText()).isEqualTo(id);
        assertThat(a.get("requested_by").asText()).isEqualTo("sam");
        assertThat(a.get("tool").asText()).isEqualTo("restart_service");
        assertThat(a.get("args").get("service").asText()).isEqualTo("webapp");
        assertThat(a.get("created_at").asText()).isNotBlank();
        assertThat(forRequester.get("approvals")).hasSize(1);
        assertThat(forOther.get("approvals")).isEmpty();
        assertThat(afterDecision.get("approvals")).isEmpty();
    }

    @Test
    void should_keep_and_audit_the_reason_of_an_approval_and_show_it_to_the_requester() {
        // given
        String id = pending();

        // when
        HttpResponse<String> approved = decide(id, approver, "approve");
        JsonNode seen = json(fx.http.get("/v1/approvals/" + id, requester));

        // then
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(seen.at("/approval/status").asText()).isEqualTo("approved");
        assertThat(seen.at("/approval/reason").asText()).isEqualTo("checked");
        assertThat(seen.at("/approval/decided_by").asText()).isEqualTo("ann");
        assertThat(fx.auditLog.recent(20).stream()
                        .filter(r -> r.action().equals("approval.approved"))
                        .map(r -> r.args().get("reason")))
                .containsExactly("checked");
    }
}
