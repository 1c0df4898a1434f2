package com.astradesk.core.plan.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRole;
import com.astradesk.core.model.CircuitOpenException;
import com.astradesk.core.model.GuardrailViolationException;
import com.astradesk.core.model.ModelTimeoutException;
import com.astradesk.core.model.ProviderOverloadedException;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningException;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LlmPlannerTest {
    private static final ToolDescriptor GET_METRICS = ToolDescriptor.builder("get_metrics")
            .withDescription("Reads metrics of a service")
            .withArgumentsSchema(Map.of(
                    "type",
                    "object",
                    "required",
                    List.of("service"),
                    "additionalProperties",
                    false,
                    "properties",
                    Map.of(
                            "service", Map.of("type", "string", "enum", List.of("webapp", "payments-api")),
                            "window", Map.of("type", "string", "pattern", "^\\d+[smhd]$"))))
            .build();
    private static final ToolDescriptor RESTART = ToolDescriptor.builder("restart_service")
            .withDescription("Restarts a service")
            .withSideEffect(SideEffect.EXECUTE)
            .withAllowedRoles("sre")
            .withArgumentsSchema(Map.of(
                    "type",
                    "object",
                    "required",
                    List.of("service"),
                    "properties",
                    Map.of("service", Map.of("type", "string"))))
            .build();
    private static final Plan FALLBACK_PLAN =
            Plan.of(List.of(new PlanStep("get_metrics", Map.of("service", "webapp"))));

    private final ScriptedGateway gateway = new ScriptedGateway();
    private final AtomicInteger fallbackCalls = new AtomicInteger();
    private final Planner fallback = request -> {
        fallbackCalls.incrementAndGet();
        return FALLBACK_PLAN;
    };
    private final Planner planner =
            LlmPlanner.builder().withGateway(gateway).withFallback(fallback).build();

    private static PlanningRequest request(String input, String... roles) {
        return new PlanningRequest(input, Principal.of("alice", roles), List.of(GET_METRICS, RESTART), Language.EN);
    }

    @Test
    void should_return_model_plan_when_answer_is_valid() {
        // given
        gateway.answer("{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"payments-api\","
                + "\"window\":\"1h\"}}],\"clarification\":null}");

        // when
        Plan plan = planner.plan(request("show payments-api metrics for the last hour", "viewer"));

        // then
        assertThat(plan.degraded()).isFalse();
        assertThat(plan.steps())
                .containsExactly(new PlanStep("get_metrics", Map.of("service", "payments-api", "window", "1h")));
        assertThat(fallbackCalls).hasValue(0);
        assertThat(gateway.requests).hasSize(1);
        assertThat(gateway.requests.get(0).responseSchema()).isPresent();
    }

    @Test
    void should_list_only_tools_the_caller_may_use_in_the_prompt() {
        // given
        gateway.answer("{\"steps\":[]}");

        // when
        planner.plan(request("restart webapp", "viewer"));

        // then
        String system = gateway.requests.get(0).messages().get(0).content();
        assertThat(system).contains("get_metrics").doesNotContain("restart_service");
        assertThat(gateway.requests.get(0).responseSchema().orElseThrow().toString())
                .doesNotContain("restart_service");
    }

    @Test
    void should_offer_side_effect_tool_to_caller_with_required_role() {
        // given
        gateway.answer("{\"steps\":[{\"tool\":\"restart_service\",\"arguments\":{\"service\":\"webapp\"}}]}");

        // when
        Plan plan = planner.plan(request("restart webapp", "sre"));

        // then
        assertThat(gateway.requests.get(0).messages().get(0).content()).contains("restart_service");
        assertThat(plan.steps()).extracting(PlanStep::tool).containsExactly("restart_service");
    }

    @Test
    void should_repair_once_when_arguments_are_invalid_then_use_repaired_plan() {
        // given
        gateway.answer("{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"mainframe\"}}]}")
                .answer("{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"webapp\"}}]}");

        // when
        Plan plan = planner.plan(request("metrics for webapp", "viewer"));

        // then
        assertThat(plan.degraded()).isFalse();
        assertThat(plan.steps()).containsExactly(new PlanStep("get_metrics", Map.of("service", "webapp")));
        List<ChatMessage> repair = gateway.requests.get(1).messages();
        assertThat(repair)
                .extracting(ChatMessage::role)
                .containsExactly(ChatRole.SYSTEM, ChatRole.USER, ChatRole.ASSISTANT, ChatRole.USER);
        assertThat(repair.get(3).content()).contains("not a valid plan").contains("service");
    }

    @Test
    void should_fall_back_degraded_when_plan_stays_invalid_after_repair() {
        // given
        gateway.answer("I would restart it").answer("{\"steps\":[{\"tool\":\"drop_database\",\"arguments\":{}}]}");

        // when
        Plan plan = planner.plan(request("metrics for webapp", "viewer"));

        // then
        assertThat(gateway.requests).hasSize(2);
        assertThat(fallbackCalls).hasValue(1);
        assertThat(plan.steps()).isEqualTo(FALLBACK_PLAN.steps());
        assertThat(plan.degraded()).isTrue();
        assertThat(plan.degradedReason()).contains("model plan invalid after repair");
    }

    @Test
    void should_repair_when_gateway_rejects_output_against_schema() {
        // given
        gateway.fail(new GuardrailViolationException("json_schema", false, "$.steps: required property missing"))
                .answer("{\"steps\":[],\"clarification\":\"Which service?\"}");

        // when
        Plan plan = planner.plan(request("show metrics", "viewer"));

        // then
        assertThat(plan.clarification()).contains("Which service?");
        List<ChatMessage> repair = gateway.requests.get(1).messages();
        assertThat(repair).extracting(ChatMessage::role).containsExactly(ChatRole.SYSTEM, ChatRole.USER);
        assertThat(repair.get(1).content()).startsWith("show metrics").contains("required property missing");
    }

    static Stream<Arguments> unavailable() {
        return Stream.of(
                Arguments.of(
                        new CircuitOpenException("openai", Duration.ofSeconds(3)), "model unavailable (circuit open)"),
                Arguments.of(new ModelTimeoutException("openai", Duration.ofSeconds(1)), "model timed out"),
                Arguments.of(new ProviderOverloadedException("openai", Optional.empty()), "model overloaded"),
                Arguments.of(
                        new GuardrailViolationException("prompt_injection", true, "refused"),
                        "model input refused (prompt_injection)"));
    }

    @ParameterizedTest
    @MethodSource("unavailable")
    void should_fall_back_at_once_when_model_is_unavailable(RuntimeException failure, String reason) {
        // given
        gateway.fail(failure);

        // when
        Plan plan = planner.plan(request("metrics for webapp", "viewer"));

        // then
        assertThat(gateway.requests).hasSize(1);
        assertThat(fallbackCalls).hasValue(1);
        assertThat(plan.degraded()).isTrue();
        assertThat(plan.degradedReason()).contains(reason);
    }

    @Test
    void should_throw_planning_exception_without_fallback() {
        // given
        Planner alone = LlmPlanner.builder().withGateway(gateway).build();
        gateway.fail(new CircuitOpenException("openai", Duration.ofSeconds(3)));

        // when / then
        assertThatThrownBy(() -> alone.plan(request("metrics for webapp", "viewer")))
                .isInstanceOf(PlanningException.class)
                .hasMessage("model unavailable (circuit open)")
                .hasCauseInstanceOf(CircuitOpenException.class);
    }

    @Test
    void should_use_fallback_undegraded_when_no_model_is_configured() {
        // given
        Planner withoutModel = LlmPlanner.builder()
                .withOptionalGateway(Optional.empty())
                .withFallback(fallback)
                .build();

        // when
        Plan plan = withoutModel.plan(request("metrics for webapp", "viewer"));

        // then
        assertThat(plan).isEqualTo(FALLBACK_PLAN);
        assertThat(gateway.requests).isEmpty();
    }

    @Test
    void should_not_call_model_when_caller_may_use_no_tool() {
        // given
        var onlyRestart =
                new PlanningRequest("restart webapp", Principal.of("bob", "viewer"), List.of(RESTART), Language.EN);

        // when
        Plan plan = planner.plan(onlyRestart);

        // then
        assertThat(plan.isEmpty()).isTrue();
        assertThat(gateway.requests).isEmpty();
    }

    @Test
    void should_accept_answer_wrapped_in_code_fence() {
        // given
        gateway.answer("```json\n{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"webapp\"}}]}\n```");

        // when
        Plan plan = planner.plan(request("metrics for webapp", "viewer"));

        // then
        assertThat(plan.steps()).extracting(PlanStep::tool).containsExactly("get_metrics");
        assertThat(gateway.requests).hasSize(1);
    }

    @Test
    void should_refuse_build_without_gateway() {
        assertThatThrownBy(() -> LlmPlanner.builder().withFallback(fallback).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("withGateway");
    }
}
