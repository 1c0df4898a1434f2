package com.astradesk.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link ApprovalStore} must show; future database-backed stores extend it too. */
public abstract class AbstractApprovalStoreContractTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected abstract ApprovalStore store();

    private Approval pending(Instant createdAt) {
        ToolCall call = ToolCall.of("restart_service", Map.of("service", "webapp"), Principal.of("bob", "sre"));
        return Approval.pending(UUID.randomUUID().toString(), call, createdAt, createdAt.plus(Duration.ofMinutes(30)));
    }

    @Test
    void should_find_what_was_inserted() {
        Approval a = pending(T0);

        store().insert(a);

        assertThat(store().find(a.id())).contains(a);
        assertThat(store().find("missing")).isEmpty();
    }

    @Test
    void should_refuse_a_duplicate_id() {
        Approval a = pending(T0);
        store().insert(a);

        assertThatIllegalArgumentException().isThrownBy(() -> store().insert(a)).withMessageContaining(a.id());
    }

    @Test
    void should_transition_a_pending_approval_exactly_once() {
        // given
        Approval a = pending(T0);
        store().insert(a);
        Approval approved =
                a.decided(ApprovalState.APPROVED, Optional.of("alice"), T0.plusSeconds(5), Optional.empty());
        Approval rejected =
                a.decided(ApprovalState.REJECTED, Optional.of("carol"), T0.plusSeconds(6), Optional.empty());

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
        Approval older = pending(T0);
        Approval newer = pending(T0.plusSeconds(10));
        Approval decided = pending(T0.plusSeconds(5));
        store().insert(newer);
        store().insert(older);
        store().insert(decided);
        store().transition(decided.decided(
                ApprovalState.REJECTED, Optional.of("x"), T0.plusSeconds(20), Optional.empty()));

        assertThat(store().pending()).containsExactly(older, newer);
    }
}
