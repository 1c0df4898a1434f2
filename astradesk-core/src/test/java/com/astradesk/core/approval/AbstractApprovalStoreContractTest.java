package com.astradesk.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link ApprovalStore} must show; the in-memory test and the PostgreSQL IT extend it. Times are
 * near the real clock (a database store decides expiry by its own clock) and whole milliseconds (what it keeps).
 */
public abstract class AbstractApprovalStoreContractTest {
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);

    protected abstract ApprovalStore store();

    private Approval pending(Instant createdAt) {
        return pending(createdAt, Duration.ofMinutes(30));
    }

    private Approval pending(Instant createdAt, Duration ttl) {
        ToolCall call = ToolCall.of("restart_service", Map.of("service", "webapp"), Principal.of("bob", "sre"));
        return Approval.pending(UUID.randomUUID().toString(), call, createdAt, createdAt.plus(ttl));
    }

    @Test
    void should_keep_every_field_of_the_requester_and_the_call() {
        ToolCall call = ToolCall.builder()
                .withTool("restart_service")
                .withArguments(Map.of("service", "payments-api", "force", true, "replicas", 3))
                .withPrincipal(new Principal("bob", Set.of("sre", "it.support"), Set.of("ops"), Optional.of("acme")))
                .withRunId("run-1")
                .withRequestId("req-1")
                .withIdempotencyKey("key-1")
                .withLanguage(Language.PL)
                .build();
        Approval a = Approval.pending(UUID.randomUUID().toString(), call, t0, t0.plusSeconds(600));

        store().insert(a);

        assertThat(store().find(a.id())).contains(a);
    }

    @Test
    void should_refuse_a_decision_after_the_expiry_but_allow_expiring_it() {
        // given: expired ten seconds ago
        Approval a = pending(t0, Duration.ofSeconds(50));
        store().insert(a);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // when
        boolean approved =
                store().transition(a.decided(ApprovalState.APPROVED, Optional.of("alice"), now, Optional.empty()));
        boolean expired = store().transition(a.decided(ApprovalState.EXPIRED, Optional.empty(), now, Optional.empty()));

        // then
        assertThat(approved).isFalse();
        assertThat(expired).isTrue();
        assertThat(store().find(a.id())).get().extracting(Approval::state).isEqualTo(ApprovalState.EXPIRED);
    }

    @Test
    void should_mark_an_approved_step_executed_exactly_once() {
        Approval a = pending(t0);
        store().insert(a);
        assertThat(store().markExecuted(a.id(), t0.plusSeconds(1)))
                .as("pending")
                .isFalse();
        store().transition(
                        a.decided(ApprovalState.APPROVED, Optional.of("alice"), t0.plusSeconds(2), Optional.empty()));

        boolean first = store().markExecuted(a.id(), t0.plusSeconds(3));
        boolean second = store().markExecuted(a.id(), t0.plusSeconds(4));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store().find(a.id()).orElseThrow().executedAt()).contains(t0.plusSeconds(3));
        assertThat(store().markExecuted("missing", t0)).isFalse();
    }

    @Test
    void should_keep_the_first_result_of_an_executed_step_only() {
        // given: pending, then approved but not executed yet
        Approval a = pending(t0);
        store().insert(a);
        ExecutedStep ran = new ExecutedStep(
                CallOutcome.OK,
                Optional.of("Restarted payments-api"),
                Map.of("service", "payments-api", "pods", List.of("p-1", "p-2"), "took_ms", 812, "forced", false),
                Optional.empty());
        ExecutedStep later = new ExecutedStep(
                CallOutcome.ERROR, Optional.empty(), Map.of(), Optional.of("the second result must not win"));
        assertThat(store().recordResult(a.id(), ran)).as("pending").isFalse();
        store().transition(
                        a.decided(ApprovalState.APPROVED, Optional.of("alice"), t0.plusSeconds(2), Optional.empty()));
        assertThat(store().recordResult(a.id(), ran))
                .as("approved, not executed")
                .isFalse();
        store().markExecuted(a.id(), t0.plusSeconds(3));

        // when
        boolean first = store().recordResult(a.id(), ran);
        boolean second = store().recordResult(a.id(), later);

        // then
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store().find(a.id()).orElseThrow().result()).contains(ran);
        assertThat(store().recordResult("missing", ran)).isFalse();
    }

    @Test
    void should_keep_the_error_of_an_executed_step_that_failed() {
        Approval a = pending(t0);
        store().insert(a);
        store().transition(
                        a.decided(ApprovalState.APPROVED, Optional.of("alice"), t0.plusSeconds(2), Optional.empty()));
        store().markExecuted(a.id(), t0.plusSeconds(3));
        ExecutedStep failed =
                new ExecutedStep(CallOutcome.TIMEOUT, Optional.empty(), Map.of(), Optional.of("timed out after 5s"));

        store().recordResult(a.id(), failed);

        Approval stored = store().find(a.id()).orElseThrow();
        assertThat(stored.result()).contains(failed);
        assertThat(stored.result().orElseThrow().status()).isEqualTo(CallStatus.ERROR);
    }

    @Test
    void should_find_what_was_inserted() {
        Approval a = pending(t0);

        store().insert(a);

        assertThat(store().find(a.id())).contains(a);
        assertThat(store().find("missing")).isEmpty();
    }

    @Test
    void should_refuse_a_duplicate_id() {
        Approval a = pending(t0);
        store().insert(a);

        assertThatIllegalArgumentException().isThrownBy(() -> store().insert(a)).withMessageContaining(a.id());
    }

    @Test
    void should_transition_a_pending_approval_exactly_once() {
        // given
        Approval a = pending(t0);
        store().insert(a);
        Approval approved =
                a.decided(ApprovalState.APPROVED, Optional.of("alice"), t0.plusSeconds(5), Optional.empty());
        Approval rejected =
                a.decided(ApprovalState.REJECTED, Optional.of("carol"), t0.plusSeconds(6), Optional.empty());

        // when
        boolean first = store().transition(approved);
        boolean second = store().transition(rejected);

        // then
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store().find(a.id())).contains(approved);
    }

    @Test
    void should_list_only_pending_approvals_oldest_first() {
        Approval older = pending(t0);
        Approval newer = pending(t0.plusSeconds(10));
        Approval decided = pending(t0.plusSeconds(5));
        store().insert(newer);
        store().insert(older);
        store().insert(decided);
        store().transition(decided.decided(
                ApprovalState.REJECTED, Optional.of("x"), t0.plusSeconds(20), Optional.empty()));

        assertThat(store().pending())
                .filteredOn(p -> Set.of(older.id(), newer.id(), decided.id()).contains(p.id()))
                .containsExactly(older, newer);
    }
}
