package com.astradesk.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolCallTest {
    private static final Principal ALICE = Principal.of("alice", "sre");

    @Test
    void should_build_a_call_with_the_defaults_of_an_agent_step() {
        // when
        ToolCall call =
                ToolCall.builder().withTool("get_weather").withPrincipal(ALICE).build();

        // then
        assertThat(call.arguments()).isEmpty();
        assertThat(call.runId()).isNotBlank().isEqualTo(call.requestId());
        assertThat(call.idempotencyKey()).isEmpty();
        assertThat(call.language()).isEqualTo(Language.EN);
        assertThat(call.channel()).isEqualTo(ToolCall.AGENT);
        assertThat(call.approvalId()).isEmpty();
    }

    @Test
    void should_name_the_first_missing_required_value() {
        assertThatThrownBy(() -> ToolCall.builder().withPrincipal(ALICE).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tool");
        assertThatThrownBy(() -> ToolCall.builder().withTool("get_weather").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("principal");
    }

    @Test
    void should_refuse_a_channel_that_is_not_a_lower_case_word() {
        assertThatThrownBy(() -> ToolCall.builder()
                        .withTool("get_weather")
                        .withPrincipal(ALICE)
                        .withChannel("MCP over HTTP")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel");
    }

    @Test
    void should_derive_an_equal_call_from_its_builder_and_change_one_value() {
        // given
        ToolCall call = ToolCall.builder()
                .withTool("restart_service")
                .withArguments(Map.of("service", "web"))
                .withPrincipal(ALICE)
                .withRunId("run-1")
                .withRequestId("req-1")
                .withIdempotencyKey("k1")
                .withLanguage(Language.PL)
                .withChannel("mcp")
                .build();

        // then
        assertThat(call.toBuilder().build()).isEqualTo(call);
        assertThat(call.withApprovalId("a-1"))
                .isEqualTo(call.toBuilder()
                        .withChannel(ToolCall.APPROVAL)
                        .withApprovalId(Optional.of("a-1"))
                        .build());
    }
}
