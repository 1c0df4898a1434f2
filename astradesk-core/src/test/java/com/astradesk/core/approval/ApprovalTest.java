package com.astradesk.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.ToolCall;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final ToolCall CALL = ToolCall.builder()
            .withTool("restart_service")
            .withArguments(Map.of("service", "web"))
            .withPrincipal(Principal.of("bob", "sre"))
            .withRunId("run-1")
            .withRequestId("req-1")
            .withLanguage(Language.PL)
            .build();

    @Test
    void should_build_a_pending_approval_holding_the_call() {
        // when
        Approval a = Approval.pending("a-1", CALL, T0, T0.plusSeconds(600));

        // then
        assertThat(a.state()).isEqualTo(ApprovalState.PENDING);
        assertThat(a.matches(CALL)).isTrue();
        assertThat(a.language()).isEqualTo(Language.PL);
        assertThat(a.decidedBy()).isEmpty();
        assertThat(a.toBuilder().build()).isEqualTo(a);
    }

    @Test
    void should_name_the_first_missing_required_value() {
        assertThatThrownBy(() -> Approval.builder().withCall(CALL).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("id");
        assertThatThrownBy(() -> Approval.builder()
                        .withId("a-1")
                        .withCall(CALL)
                        .withCreatedAt(T0)
                        .withExpiresAt(T0.plusSeconds(1))
                        .build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("state");
    }

    @Test
    void should_refuse_an_expiry_not_after_the_creation() {
        assertThatThrownBy(() -> Approval.builder()
                        .withId("a-1")
                        .withCall(CALL)
                        .withCreatedAt(T0)
                        .withExpiresAt(T0)
                        .withState(ApprovalState.PENDING)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expiresAt");
    }

    @Test
    void should_run_the_approved_step_as_the_requester_over_the_approval_channel() {
        // given
        Approval approved = Approval.pending("a-1", CALL, T0, T0.plusSeconds(600))
                .decided(ApprovalState.APPROVED, Optional.of("carol"), T0.plusSeconds(5), Optional.empty());

        // when
        ToolCall step = approved.toToolCall();

        // then
        assertThat(step.principal()).isEqualTo(CALL.principal());
        assertThat(step.channel()).isEqualTo(ToolCall.APPROVAL);
        assertThat(step.approvalId()).contains("a-1");
        assertThat(step.idempotencyKey()).contains("approval:a-1");
        assertThat(step.runId()).isEqualTo("run-1");
    }
}
