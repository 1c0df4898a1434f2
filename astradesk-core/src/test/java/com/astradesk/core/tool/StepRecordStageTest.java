package com.astradesk.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.idempotency.IdempotencyStore;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The step-record stage: a side-effecting call acts at most once per idempotency key. */
class StepRecordStageTest {
    private static final Principal SRE = Principal.of("sam", "sre");

    private final AtomicInteger restarts = new AtomicInteger();
    private final FakeTool restart = new FakeTool(
            ToolDescriptor.builder("restart_service")
                    .withSideEffect(SideEffect.EXECUTE)
                    .withAllowedRoles("sre")
                    .build(),
            call -> ToolResult.of("restarted #" + restarts.incrementAndGet(), Map.of("n", restarts.get())));
    private final FakeTool lookup = new FakeTool(
            ToolDescriptor.builder("get_status").withSideEffect(SideEffect.READ).build(),
            call -> ToolResult.of("status", Map.of()));
    private final ToolRegistry registry = ToolRegistry.builder()
            .withTool(restart)
            .withTool(lookup)
            .withStepRecords(IdempotencyStore.inMemory(), Duration.ofHours(1))
            .build();

    private static ToolCall call(String tool, Map<String, Object> args, Optional<String> key) {
        return new ToolCall(tool, args, SRE, "run-1", "req-1", key, Language.EN);
    }

    @Test
    void should_answer_a_repeated_side_effecting_step_with_the_first_result_without_acting_again() {
        ToolOutcome first = registry.execute(call("restart_service", Map.of("service", "web"), Optional.of("k1")));
        ToolOutcome again = registry.execute(call("restart_service", Map.of("service", "web"), Optional.of("k1")));

        assertThat(restart.calls()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(CallStatus.OK);
        assertThat(again.result()).isEqualTo(first.result());
    }

    @Test
    void should_refuse_the_key_of_a_step_reused_for_other_arguments() {
        registry.execute(call("restart_service", Map.of("service", "web"), Optional.of("k2")));

        ToolOutcome other = registry.execute(call("restart_service", Map.of("service", "db"), Optional.of("k2")));

        assertThat(other.status()).isEqualTo(CallStatus.ERROR);
        assertThat(restart.calls()).isEqualTo(1);
    }

    @Test
    void should_run_every_call_without_a_key_and_every_read_only_call() {
        registry.execute(call("restart_service", Map.of("service", "web"), Optional.empty()));
        registry.execute(call("restart_service", Map.of("service", "web"), Optional.empty()));
        registry.execute(call("get_status", Map.of(), Optional.of("k3")));
        registry.execute(call("get_status", Map.of(), Optional.of("k3")));

        assertThat(restart.calls()).isEqualTo(2);
        assertThat(lookup.calls()).isEqualTo(2);
    }
}
