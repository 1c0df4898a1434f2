package com.astradesk.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.testing.MutableClock;
import com.astradesk.core.testing.RecordingTool;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.PolicyDecision;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ApprovalServiceTest {
    private final MutableClock clock = MutableClock.atEpochOf2026();
    private final RecordingTool restart = RecordingTool.restartService();
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private final AtomicBoolean revoked = new AtomicBoolean();
    private final ApprovalService service = ApprovalService.builder()
            .withPolicy(ApprovalPolicy.forTools(Set.of("restart_service")))
            .withAuditSink(audit::add)
            .withClock(clock)
            .withTimeToLive(Duration.ofMinutes(15))
            .build();
    private final ToolRegistry registry = ToolRegistry.builder()
            .withTool(restart)
            .withApprovalGate(service)
            .withPolicy((principal, tool) -> revoked.get()
                    ? PolicyDecision.deny(Set.of("sre"), "revoked")
                    : ToolPolicy.roleBased().decideAccess(principal, tool))
            .withAuditSink(audit::add)
            .withClock(clock)
            .build();
    private final Principal bob = Principal.of("bob", "sre");
    private final Principal alice = Principal.of("alice", "approver");

    private Approval requestRestart() {
        return park(ToolCall.of("restart_service", Map.of("service", "payments-api"), bob));
    }

    /** Runs the call through the registry, whose approval stage parks it. */
    private Approval park(ToolCall call) {
        ToolOutcome outcome = registry.execute(call);
        assertThat(outcome.outcome()).isEqualTo(CallOutcome.PENDING_APPROVAL);
        return service.find(outcome.approval().orElseThrow().approvalId()).orElseThrow();
    }

    @Test
    void should_park_the_call_as_pending_without_running_it() {
        // when
        Approval approval = requestRestart();

        // then
        assertThat(approval.state()).isEqualTo(ApprovalState.PENDING);
        assertThat(approval.requester()).isEqualTo(bob);
        assertThat(approval.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(restart.calls()).isEmpty();
        assertThat(service.pending()).containsExactly(approval);
        assertThat(audit).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo("restart_service");
            assertThat(record.decision()).isEqualTo(AuditDecision.PENDING);
            assertThat(record.args())
                    .containsEntry("outcome", "pending_approval")
                    .containsEntry("approval_id", approval.id());
        });
    }

    @Test
    void should_run_the_step_as_the_requester_once_approved_and_audit_both() {
        // given
        Approval approval = requestRestart();

        // when
        ApprovalExecution execution = service.approve(approval.id(), alice, registry);

        // then
        assertThat(execution.approval().state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(execution.approval().decidedBy()).contains("alice");
        assertThat(execution.outcome().status()).isEqualTo(CallStatus.OK);
        assertThat(restart.calls()).singleElement().satisfies(call -> {
            assertThat(call.principal().subject()).isEqualTo("bob");
            assertThat(call.idempotencyKey()).contains("approval:" + approval.id());
            assertThat(call.runId()).isEqualTo(approval.runId());
        });
        assertThat(audit)
                .extracting(AuditRecord::action, AuditRecord::actor, AuditRecord::decision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("restart_service", "bob", AuditDecision.PENDING),
                        org.assertj.core.groups.Tuple.tuple("approval.approved", "alice", AuditDecision.ALLOWED),
                        org.assertj.core.groups.Tuple.tuple("restart_service", "bob", AuditDecision.ALLOWED));
        assertThat(audit.get(1).args())
                .containsEntry("approval_id", approval.id())
                .containsEntry("requester", "bob");
        assertThat(audit.get(2).args())
                .containsEntry("channel", "approval")
                .containsEntry("outcome", "ok")
                .containsEntry("approval_id", approval.id());
        assertThat(service.pending()).isEmpty();
        assertThat(service.find(approval.id()).orElseThrow().executedAt()).isPresent();
    }

    @Test
    void should_keep_the_steps_result_redacted_for_the_requester_to_read_later() {
        // given: the tool's result echoes an e-mail address
        Approval approval = park(ToolCall.of("restart_service", Map.of("service", "ops@example.com"), bob));

        // when
        service.approve(approval.id(), alice, registry);

        // then: what the requester reads later holds the result, redacted as the audit keeps arguments
        ExecutedStep step = service.find(approval.id()).orElseThrow().result().orElseThrow();
        assertThat(step.status()).isEqualTo(CallStatus.OK);
        assertThat(step.summary()).contains("done");
        assertThat(step.data()).containsEntry("service", "[REDACTED:email]");
        assertThat(step.error()).isEmpty();
    }

    @Test
    void should_keep_the_refusal_of_a_step_the_chain_stopped_after_the_approval() {
        // given: a limit of zero lets the call be parked, approved, and then stopped by the rate-limit stage
        ToolRegistry limited = ToolRegistry.builder()
                .withTool(restart)
                .withApprovalGate(service)
                .withRateLimit((principal, tool) -> Optional.of(new com.astradesk.core.ratelimit.RateLimitDecision(
                        false, 1, 0, Duration.ofMinutes(1), Duration.ofMinutes(1))))
                .withClock(clock)
                .build();
        ToolOutcome parked = limited.execute(ToolCall.of("restart_service", Map.of("service", "payments-api"), bob));
        String id = parked.approval().orElseThrow().approvalId();

        // when
        service.approve(id, alice, limited);

        // then
        ExecutedStep step = service.find(id).orElseThrow().result().orElseThrow();
        assertThat(step.outcome()).isEqualTo(CallOutcome.RATE_LIMITED);
        assertThat(step.error()).isPresent();
        assertThat(step.data()).isEmpty();
        assertThat(restart.calls()).isEmpty();
    }

    @Test
    void should_reject_without_running_and_audit_the_reason_redacted() {
        // given
        Approval approval = requestRestart();

        // when
        Approval rejected = service.reject(approval.id(), alice, "not now; ask ops@example.com");

        // then
        assertThat(rejected.state()).isEqualTo(ApprovalState.REJECTED);
        assertThat(rejected.reason()).contains("not now; ask [REDACTED:email]");
        assertThat(restart.calls()).isEmpty();
        AuditRecord record = audit.get(audit.size() - 1);
        assertThat(record.action()).isEqualTo("approval.rejected");
        assertThat(record.decision()).isEqualTo(AuditDecision.DENIED);
        assertThat(record.actor()).isEqualTo("alice");
        assertThat(record.args()).containsEntry("reason", "not now; ask [REDACTED:email]");
    }

    @Test
    void should_refuse_self_approval_even_for_an_approver() {
        // given
        Principal both = Principal.of("dave", "sre", "approver");
        Approval approval = park(ToolCall.of("restart_service", Map.of("service", "webapp"), both));

        // when / then
        assertThatThrownBy(() -> service.approve(approval.id(), both, registry))
                .isInstanceOf(SelfApprovalException.class)
                .extracting(e -> ((ApprovalException) e).approvalId())
                .isEqualTo(approval.id());
        assertThat(restart.calls()).isEmpty();
        assertThat(service.find(approval.id()))
                .hasValueSatisfying(a -> assertThat(a.state()).isEqualTo(ApprovalState.PENDING));
        assertThat(audit.get(audit.size() - 1).action()).isEqualTo("approval.refused");
    }

    @Test
    void should_refuse_principals_without_the_approver_role() {
        Approval approval = requestRestart();

        assertThatThrownBy(() -> service.reject(approval.id(), Principal.of("mallory", "sre"), null))
                .isInstanceOf(NotAnApproverException.class)
                .hasMessageContaining("approver")
                .extracting(e -> ((NotAnApproverException) e).requiredRole())
                .isEqualTo("approver");
        assertThat(service.find(approval.id()).orElseThrow().state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void should_refuse_an_approver_from_another_tenant() {
        Principal requester = new Principal("bob", Set.of("sre"), Set.of(), Optional.of("acme"));
        Principal outsider = new Principal("alice", Set.of("approver"), Set.of(), Optional.of("globex"));
        Approval approval = park(ToolCall.of("restart_service", Map.of("service", "webapp"), requester));

        assertThatThrownBy(() -> service.approve(approval.id(), outsider, registry))
                .isInstanceOf(NotAnApproverException.class)
                .hasMessageContaining("another tenant");
        assertThat(restart.calls()).isEmpty();
    }

    @Test
    void should_refuse_expired_approvals_and_mark_them_expired() {
        // given
        Approval approval = requestRestart();
        clock.advance(Duration.ofMinutes(16));

        // when / then
        assertThatThrownBy(() -> service.approve(approval.id(), alice, registry))
                .isInstanceOf(ApprovalExpiredException.class);
        assertThat(service.find(approval.id()).orElseThrow().state()).isEqualTo(ApprovalState.EXPIRED);
        assertThat(restart.calls()).isEmpty();
        assertThat(audit).extracting(AuditRecord::action).contains("approval.expired");
    }

    @Test
    void should_expire_overdue_approvals_in_bulk() {
        requestRestart();
        requestRestart();
        clock.advance(Duration.ofMinutes(10));
        Approval fresh = requestRestart();
        clock.advance(Duration.ofMinutes(6));

        int expired = service.expireOverdue();

        assertThat(expired).isEqualTo(2);
        assertThat(service.pending()).containsExactly(fresh);
    }

    @Test
    void should_refuse_a_second_decision() {
        Approval approval = requestRestart();
        service.reject(approval.id(), alice, "no");

        assertThatThrownBy(() -> service.approve(approval.id(), Principal.of("carol", "approver"), registry))
                .isInstanceOf(ApprovalAlreadyDecidedException.class)
                .hasMessageContaining("rejected")
                .extracting(e -> ((ApprovalAlreadyDecidedException) e).state())
                .isEqualTo(ApprovalState.REJECTED);
        assertThat(restart.calls()).isEmpty();
    }

    @Test
    void should_run_the_step_once_when_two_approvers_race() throws Exception {
        // given
        Approval approval = requestRestart();
        CountDownLatch go = new CountDownLatch(1);
        Principal carol = Principal.of("carol", "approver");

        // when
        CompletableFuture<Object> a = CompletableFuture.supplyAsync(() -> attempt(go, approval.id(), alice));
        CompletableFuture<Object> c = CompletableFuture.supplyAsync(() -> attempt(go, approval.id(), carol));
        go.countDown();

        // then
        assertThat(List.of(a.get(), c.get()))
                .filteredOn(r -> r instanceof ApprovalExecution)
                .hasSize(1);
        assertThat(List.of(a.get(), c.get()))
                .filteredOn(r -> r instanceof ApprovalAlreadyDecidedException)
                .hasSize(1);
        assertThat(restart.calls()).hasSize(1);
    }

    @Test
    void should_fail_clearly_for_unknown_ids_and_never_park_unknown_tools() {
        assertThatThrownBy(() -> service.approve("nope", alice, registry))
                .isInstanceOf(ApprovalNotFoundException.class)
                .hasMessageContaining("nope");
        assertThat(registry.execute(ToolCall.of("drop_database", Map.of(), bob)).outcome())
                .isEqualTo(CallOutcome.UNKNOWN_TOOL);
        assertThat(service.pending()).isEmpty();
    }

    @Test
    void should_never_park_a_call_the_policy_refuses() {
        ToolOutcome outcome =
                registry.execute(ToolCall.of("restart_service", Map.of("service", "webapp"), Principal.of("vic")));

        assertThat(outcome.outcome()).isEqualTo(CallOutcome.DENIED_ROLE);
        assertThat(service.pending()).isEmpty();
    }

    @Test
    void should_still_apply_policy_when_the_approved_step_runs() {
        // given: the requester loses the permission while the approval waits
        Approval approval = requestRestart();
        revoked.set(true);

        // when
        ApprovalExecution execution = service.approve(approval.id(), alice, registry);

        // then
        assertThat(execution.outcome().outcome()).isEqualTo(CallOutcome.DENIED_ROLE);
        assertThat(restart.calls()).isEmpty();
    }

    @Test
    void should_admit_the_execution_of_an_approval_only_once() {
        // given
        Approval approval = requestRestart();
        service.approve(approval.id(), alice, registry);

        // when: the approved call is replayed
        ToolOutcome replay = registry.execute(approval.toToolCall());

        // then
        assertThat(replay.outcome()).isEqualTo(CallOutcome.APPROVAL_INVALID);
        assertThat(replay.error()).hasValueSatisfying(e -> assertThat(e).contains("executed already"));
        assertThat(restart.calls()).hasSize(1);
    }

    @Test
    void should_refuse_a_call_that_claims_an_approval_not_yet_approved_or_for_other_arguments() {
        // given
        Approval approval = requestRestart();

        // when
        ToolOutcome early = registry.execute(approval.toToolCall());
        ToolOutcome other = registry.execute(ToolCall.of("restart_service", Map.of("service", "database"), bob)
                .withApprovalId(approval.id()));

        // then
        assertThat(early.outcome()).isEqualTo(CallOutcome.APPROVAL_INVALID);
        assertThat(early.error()).hasValueSatisfying(e -> assertThat(e).contains("pending, not approved"));
        assertThat(other.outcome()).isEqualTo(CallOutcome.APPROVAL_INVALID);
        assertThat(restart.calls()).isEmpty();
    }

    private Object attempt(CountDownLatch go, String id, Principal approver) {
        try {
            go.await();
            return service.approve(id, approver, registry);
        } catch (ApprovalException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
