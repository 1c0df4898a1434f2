package com.astradesk.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.memory.RecordingRunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.ArgumentMatcher;
import com.astradesk.core.tool.ArgumentRule;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.FakeTool;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentApprovalTest {
    private final RecordingRunJournal journal = new RecordingRunJournal();
    private final FakeTool restart = FakeTool.echo(ToolDescriptor.builder("restart_service")
            .withSideEffect(SideEffect.EXECUTE)
            .withAllowedRoles("sre")
            .build());
    private final FakeTool status =
            FakeTool.echo(ToolDescriptor.builder("get_status").build());
    private final ApprovalService approvals = ApprovalService.builder()
            .withPolicy(ApprovalPolicy.forTools(Set.of("restart_service")))
            .build();
    private final ToolRegistry registry = ToolRegistry.builder()
            .withApprovalGate(approvals)
            .withPolicy(ToolPolicy.withArgumentRules(
                    ToolPolicy.roleBased(),
                    List.of(ArgumentRule.of("restart_service", "env", ArgumentMatcher.equalTo("prod"), "sre.prod"))))
            .withTool(restart)
            .withTool(status)
            .build();

    private Agent agent(Map<String, Object> restartArgs) {
        return Agent.builder("ops")
                .withPlanner(request -> Plan.of(
                        List.of(new PlanStep("restart_service", restartArgs), new PlanStep("get_status", Map.of()))))
                .withToolRegistry(registry)
                .withTools(List.of("restart_service", "get_status"))
                .withRunJournal(journal)
                .build();
    }

    private static AgentRequest request() {
        return new AgentRequest("restart webapp", Map.of(), "req-1", Optional.of("key-1"), Optional.empty());
    }

    @Test
    void should_park_a_step_that_needs_approval_and_run_no_later_step() {
        AgentResult result =
                agent(Map.of("service", "webapp", "env", "dev")).run(request(), Principal.of("sam", "sre"));

        assertThat(result.steps()).hasSize(1);
        StepResult step = result.steps().get(0);
        assertThat(step.status()).isEqualTo(CallStatus.PENDING_APPROVAL);
        assertThat(step.approvalId()).isPresent();
        assertThat(approvals.find(step.approvalId().get())).isPresent();
        assertThat(restart.calls()).isZero();
        assertThat(status.calls()).isZero();
        assertThat(result.output()).contains("approval");
        assertThat(journal.audits)
                .extracting(a -> a.action() + ":" + a.decision().wireName())
                .containsExactly("restart_service:pending", "agents.run:allowed");
    }

    @Test
    void should_deny_rather_than_park_when_the_caller_may_not_run_the_step() {
        AgentResult result = agent(Map.of("service", "webapp")).run(request(), Principal.of("vic", "viewer"));

        assertThat(result.steps().get(0).status()).isEqualTo(CallStatus.DENIED);
        assertThat(approvals.pending()).isEmpty();
    }

    @Test
    void should_deny_rather_than_park_when_an_argument_rule_refuses_the_step() {
        AgentResult result =
                agent(Map.of("service", "webapp", "env", "prod")).run(request(), Principal.of("sam", "sre"));

        assertThat(result.steps().get(0).status()).isEqualTo(CallStatus.DENIED);
        assertThat(result.steps().get(0).denial().orElseThrow().requiredRoles()).containsExactly("sre.prod");
        assertThat(approvals.pending()).isEmpty();
    }

    @Test
    void should_run_the_approved_step_through_the_registry_as_the_requester() {
        StepResult parked = agent(Map.of("service", "webapp", "env", "dev"))
                .run(request(), Principal.of("sam", "sre"))
                .steps()
                .get(0);

        var done = approvals.approve(parked.approvalId().orElseThrow(), Principal.of("ann", "approver"), registry);

        assertThat(done.outcome().status()).isEqualTo(CallStatus.OK);
        assertThat(restart.calls()).isEqualTo(1);
        assertThat(restart.lastCall().principal().subject()).isEqualTo("sam");
    }
}
