package com.astradesk.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.memory.RecordingRunJournal;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.GuardrailViolationException;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.TokenUsage;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.FakeTool;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * With an answer model, the model writes the answer of a tool run too, from the results of the steps that ran
 * ({@code [n]} is step n), streamed; steps that did not run keep their fixed lines; the templated answer is the
 * fallback.
 */
class AgentToolAnswerModelTest {
    private static final String METRICS_SUMMARY = "Metrics for payments-api, last 1h (in-process). Error rate is not"
            + " available from the in-process metrics backend; configure PROMETHEUS_URL. Available: uptime 2h 5m.";

    private final FakeTool metrics = new FakeTool(
            ToolDescriptor.builder("get_metrics").build(), call -> ToolResult.of(METRICS_SUMMARY, Map.of()));
    private final FakeTool restart = FakeTool.echo(ToolDescriptor.builder("restart_service")
            .withSideEffect(SideEffect.EXECUTE)
            .withAllowedRoles("sre")
            .build());
    private final FakeTool broken =
            new FakeTool(ToolDescriptor.builder("get_ticket").build(), call -> {
                throw new ToolFailureException("get_ticket", "ticket backend unreachable");
            });
    private final ToolRegistry registry = ToolRegistry.builder()
            .withApprovalGate(ApprovalService.builder()
                    .withPolicy(ApprovalPolicy.forTools(Set.of("restart_service")))
                    .build())
            .withTool(metrics)
            .withTool(restart)
            .withTool(broken)
            .build();

    /** A model gateway that streams a fixed answer in pieces, or fails after them; records what it was asked. */
    private static final class FakeGateway implements ModelGateway {
        final List<ChatRequest> asked = new ArrayList<>();
        private final List<String> pieces;
        private final RuntimeException failure;

        FakeGateway(RuntimeException failure, String... pieces) {
            this.pieces = List.of(pieces);
            this.failure = failure;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            throw new AssertionError("the answer is streamed");
        }

        @Override
        public ChatResponse stream(ChatRequest request, Consumer<String> onToken) {
            asked.add(request);
            pieces.forEach(onToken);
            if (failure != null) {
                throw failure;
            }
            return new ChatResponse(String.join("", pieces), new TokenUsage(100, 20), "stop", "fake-model");
        }

        @Override
        public String provider() {
            return "fake";
        }

        String prompt() {
            return asked.get(0).messages().get(0).content();
        }
    }

    private static final class Deltas implements RunListener {
        final List<String> deltas = new ArrayList<>();

        @Override
        public void onAnswerDelta(String delta) {
            deltas.add(delta);
        }
    }

    private Agent agent(ModelGateway model, PlanStep... steps) {
        return Agent.builder("ops")
                .withPlanner(request -> Plan.of(List.of(steps)))
                .withToolRegistry(registry)
                .withTools(List.of("get_metrics", "restart_service", "get_ticket"))
                .withRunJournal(new RecordingRunJournal())
                .withAnswerModel(model)
                .build();
    }

    private static PlanStep metricsStep() {
        return new PlanStep("get_metrics", Map.of("service", "payments-api", "window", "1h"));
    }

    @Test
    void theModelWritesTheToolAnswerFromTheStepResultsAndItStreams() {
        FakeGateway model = new FakeGateway(
                null,
                "payments-api has been up for 2h 5m [1]. ",
                "Its error rate is not available here; configure PROMETHEUS_URL to see it [1].");
        Deltas listener = new Deltas();

        AgentResult result = agent(model, metricsStep())
                .run(AgentRequest.of("what's the error rate of payments-api?"), Principal.of("sam", "sre"), listener);

        assertThat(result.output())
                .isEqualTo("payments-api has been up for 2h 5m [1]. Its error rate is not available here; configure"
                        + " PROMETHEUS_URL to see it [1].");
        assertThat(String.join("", listener.deltas)).isEqualTo(result.output());
        assertThat(listener.deltas).hasSize(2);
        assertThat(result.degraded()).isFalse();
        assertThat(result.citations()).isEmpty();
        assertThat(model.prompt())
                .contains("ONLY the numbered sources", "[1] tool get_metrics", METRICS_SUMMARY, "Answer in English")
                .contains("not available, say so plainly")
                .doesNotContain("did NOT run");
        assertThat(model.asked.get(0).messages().get(1).content()).isEqualTo("what's the error rate of payments-api?");
        assertThat(metrics.lastCall().question()).hasValue("what's the error rate of payments-api?");
    }

    @Test
    void aStepAwaitingApprovalIsReportedByItsFixedLineNotByTheModel() {
        FakeGateway model = new FakeGateway(null, "payments-api has been up for 2h 5m [1].");
        Deltas listener = new Deltas();

        AgentResult result = agent(model, metricsStep(), new PlanStep("restart_service", Map.of("service", "webapp")))
                .run(
                        AgentRequest.of("show payments-api metrics and restart webapp"),
                        Principal.of("sam", "sre"),
                        listener);

        assertThat(result.steps())
                .extracting(StepResult::status)
                .containsExactly(CallStatus.OK, CallStatus.PENDING_APPROVAL);
        assertThat(restart.calls()).isZero();
        String approvalId = result.steps().get(1).approvalId().orElseThrow();
        assertThat(result.output())
                .isEqualTo("payments-api has been up for 2h 5m [1].\n\nStep restart_service awaits approval ("
                        + approvalId + ").");
        assertThat(String.join("", listener.deltas)).isEqualTo(result.output());
        // the model is told the restart did not run, and is given no result for it
        assertThat(model.prompt())
                .contains("did NOT run", "restart_service {service=webapp}: pending_approval")
                .doesNotContain("[2]");
    }

    @Test
    void markersAreStepNumbersSoAFailedFirstStepLeavesAGap() {
        FakeGateway model = new FakeGateway(null, "payments-api has been up for 2h 5m [2].");

        AgentResult result = agent(model, new PlanStep("get_ticket", Map.of("id", "TKT-1")), metricsStep())
                .run(AgentRequest.of("TKT-1 and payments-api metrics"), Principal.of("sam", "sre"));

        assertThat(result.degraded()).isFalse();
        assertThat(result.output())
                .isEqualTo("payments-api has been up for 2h 5m [2].\n\nTool get_ticket failed: ticket backend"
                        + " unreachable");
        assertThat(model.prompt()).contains("[2] tool get_metrics").doesNotContain("[1] tool");
    }

    @Test
    void aMarkerThatIsNoStepResultFallsBackToTheTemplatedAnswer() {
        FakeGateway model = new FakeGateway(null, "payments-api restarted fine [2].");

        AgentResult result = agent(model, metricsStep())
                .run(AgentRequest.of("what's the error rate of payments-api?"), Principal.of("sam", "sre"));

        assertThat(result.degraded()).isTrue();
        assertThat(result.degradedReason()).hasValue("answer model failed (invalid answer)");
        assertThat(result.output()).endsWith(METRICS_SUMMARY);
    }

    @Test
    void aGuardrailStoppingTheAnswerFallsBackToTheTemplatedAnswerMarkedDegraded() {
        FakeGateway model = new FakeGateway(
                new GuardrailViolationException("secrets", false, "an API key"), "payments-api uses key sk-");
        Deltas listener = new Deltas();

        AgentResult result = agent(model, metricsStep())
                .run(AgentRequest.of("what's the error rate of payments-api?"), Principal.of("sam", "sre"), listener);

        assertThat(result.degraded()).isTrue();
        assertThat(result.degradedReason()).hasValue("answer model failed (output refused (secrets))");
        assertThat(result.output()).endsWith("\n\n" + METRICS_SUMMARY);
        assertThat(String.join("", listener.deltas)).isEqualTo(result.output());
    }

    @Test
    void nothingRanNoModelCall() {
        FakeGateway model = new FakeGateway(null, "should not be called");

        AgentResult result = agent(model, new PlanStep("restart_service", Map.of("service", "webapp")))
                .run(AgentRequest.of("restart webapp"), Principal.of("vic", "viewer"));

        assertThat(model.asked).isEmpty();
        assertThat(result.output()).startsWith("Denied: restart_service");
    }

    @Test
    void aPolishToolRunAsksForAPolishAnswer() {
        FakeGateway model = new FakeGateway(null, "Odsetek błędów nie jest dostępny [1].");

        AgentResult result = agent(model, metricsStep())
                .run(AgentRequest.of("ile błędów ma payments-api w ostatniej godzinie?"), Principal.of("sam", "sre"));

        assertThat(model.prompt()).contains("Answer in Polish");
        assertThat(result.output()).isEqualTo("Odsetek błędów nie jest dostępny [1].");
    }
}
