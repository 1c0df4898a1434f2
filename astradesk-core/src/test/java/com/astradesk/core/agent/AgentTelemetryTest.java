package com.astradesk.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.memory.RecordingRunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.telemetry.TelemetryNames;
import com.astradesk.core.testing.RecordingTelemetry;
import com.astradesk.core.testing.RecordingTelemetry.Recorded;
import com.astradesk.core.tool.FakeTool;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentTelemetryTest {
    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private final RecordingRunJournal journal = new RecordingRunJournal();
    private final ToolRegistry registry = ToolRegistry.builder()
            .withTelemetry(telemetry)
            .withTool(FakeTool.echo(ToolDescriptor.builder("get_status").build()))
            .withTool(FakeTool.echo(ToolDescriptor.builder("restart_service")
                    .withSideEffect(SideEffect.EXECUTE)
                    .withAllowedRoles("sre")
                    .build()))
            .build();
    private final Agent agent = Agent.builder("ops")
            .withPlanner(request -> {
                String in = request.input().toLowerCase(Locale.ROOT);
                if (in.startsWith("restart")) {
                    return Plan.of(List.of(new PlanStep("restart_service", Map.of())));
                }
                return in.contains("status") ? Plan.of(List.of(new PlanStep("get_status", Map.of()))) : Plan.empty();
            })
            .withToolRegistry(registry)
            .withTools(List.of("get_status", "restart_service"))
            .withRetriever(query ->
                    List.of(new KnowledgeChunk("runbook.md", 0, "During an outage, check the dashboard.", 0.8)))
            .withRunJournal(journal)
            .withTelemetry(telemetry)
            .build();

    @Test
    void should_observe_run_plan_and_tool_call_as_one_tree_when_a_tool_step_runs() {
        // when
        AgentResult result = agent.run(AgentRequest.of("status of webapp"), Principal.of("ana", "viewer"));

        // then
        Recorded run = telemetry.named(TelemetryNames.AGENT_RUN).get(0);
        Recorded plan = telemetry.named(TelemetryNames.PLAN).get(0);
        Recorded tool = telemetry.named(TelemetryNames.TOOL_CALL).get(0);
        assertThat(run.parent).isNull();
        assertThat(plan.parent).isSameAs(run);
        assertThat(tool.parent).isSameAs(run);
        assertThat(run.attributes)
                .containsEntry(TelemetryNames.AGENT, "ops")
                .containsEntry(TelemetryNames.RUN_ID, result.runId());
        assertThat(run.outcome).isEqualTo("ok");
        assertThat(plan.attributes).containsEntry(TelemetryNames.PLAN_STEPS, 1L);
        assertThat(tool.attributes).containsEntry(TelemetryNames.TOOL, "get_status");
        assertThat(tool.outcome).isEqualTo("ok");
        assertThat(telemetry.named(TelemetryNames.RAG_QUERY)).isEmpty();
        assertThat(telemetry.observations())
                .allSatisfy(o -> assertThat(o.closed).isTrue());
    }

    @Test
    void should_put_the_run_trace_id_in_every_audit_record_when_the_request_has_none() {
        // when
        agent.run(AgentRequest.of("status of webapp"), Principal.of("ana", "viewer"));

        // then
        String traceId = telemetry.named(TelemetryNames.AGENT_RUN).get(0).traceId;
        assertThat(journal.audits)
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.traceId()).contains(traceId));
    }

    @Test
    void should_keep_the_callers_trace_id_in_the_run_audit_when_the_request_has_one() {
        // when
        agent.run(
                new AgentRequest("status of webapp", Map.of(), "req-1", Optional.empty(), Optional.of("abc123")),
                Principal.of("ana", "viewer"));

        // then
        assertThat(journal.audits)
                .filteredOn(a -> a.action().equals("agents.run"))
                .singleElement()
                .satisfies(a -> assertThat(a.traceId()).contains("abc123"));
    }

    @Test
    void should_observe_retrieval_when_no_tool_applies() {
        // when
        agent.run(AgentRequest.of("how do I handle an outage?"), Principal.of("ana", "viewer"));

        // then
        Recorded rag = telemetry.named(TelemetryNames.RAG_QUERY).get(0);
        assertThat(rag.parent.name).isEqualTo(TelemetryNames.AGENT_RUN);
        assertThat(rag.attributes).containsEntry(TelemetryNames.RAG_RESULTS, 1L);
        assertThat(rag.outcome).isEqualTo("ok");
    }

    @Test
    void should_report_denied_tool_call_and_denied_run_when_policy_refuses() {
        // when
        agent.run(AgentRequest.of("restart webapp"), Principal.of("bob", "viewer"));

        // then
        assertThat(telemetry.named(TelemetryNames.TOOL_CALL).get(0).outcome).isEqualTo("denied");
        assertThat(telemetry.named(TelemetryNames.AGENT_RUN).get(0).outcome).isEqualTo("denied");
    }
}
