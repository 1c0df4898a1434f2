package com.astradesk.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.RecordingRunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.FakeTool;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentRunListenerTest {
    private final RecordingRunJournal journal = new RecordingRunJournal();
    private final ToolRegistry registry = ToolRegistry.builder()
            .withTool(FakeTool.echo(ToolDescriptor.builder("get_status").build()))
            .withTool(FakeTool.echo(ToolDescriptor.builder("restart_service")
                    .withSideEffect(com.astradesk.core.tool.SideEffect.EXECUTE)
                    .withAllowedRoles("sre")
                    .build()))
            .build();

    private Agent agent(Plan plan) {
        return Agent.builder("ops")
                .withPlanner(request -> plan)
                .withToolRegistry(registry)
                .withTools(List.of("get_status", "restart_service"))
                .withRetriever(query -> List.of(new KnowledgeChunk("runbook.md", 0, "Check the dashboard.", 0.9)))
                .withRunJournal(journal)
                .build();
    }

    /** Records every event as a line, in order. */
    private static final class Recorder implements RunListener {
        final List<String> events = new ArrayList<>();
        final List<StepResult> steps = new ArrayList<>();
        final StringBuilder answer = new StringBuilder();

        @Override
        public void onRunStarted(String runId) {
            events.add("started " + runId);
        }

        @Override
        public void onPlan(Plan plan) {
            events.add("plan " + plan.steps().size());
        }

        @Override
        public void onStep(int index, StepResult step) {
            events.add("step " + index + " " + step.status().wireName());
            steps.add(step);
        }

        @Override
        public void onAnswerDelta(String delta) {
            events.add("delta");
            answer.append(delta);
        }
    }

    @Test
    void should_report_start_plan_each_step_and_the_answer_in_order() {
        Plan plan = Plan.of(List.of(
                new PlanStep("get_status", Map.of("service", "db")),
                new PlanStep("restart_service", Map.of("service", "db"))));
        Recorder recorder = new Recorder();

        AgentResult result = agent(plan).run(AgentRequest.of("status then restart db"), Principal.of("vic"), recorder);

        assertThat(recorder.events)
                .containsExactly("started " + result.runId(), "plan 2", "step 0 ok", "step 1 denied", "delta", "delta");
        assertThat(recorder.steps).isEqualTo(result.steps());
        assertThat(recorder.answer.toString()).isEqualTo(result.output());
        assertThat(result.steps()).extracting(StepResult::status).containsExactly(CallStatus.OK, CallStatus.DENIED);
    }

    @Test
    void should_report_the_plan_and_answer_of_a_knowledge_answer_without_steps() {
        Recorder recorder = new Recorder();

        AgentResult result = agent(Plan.empty()).run(AgentRequest.of("how do I check?"), Principal.of("vic"), recorder);

        assertThat(recorder.events).startsWith("started " + result.runId(), "plan 0");
        assertThat(recorder.steps).isEmpty();
        assertThat(recorder.answer.toString()).isEqualTo(result.output()).contains("runbook.md");
    }

    @Test
    void should_finish_and_journal_the_run_when_the_listener_throws() {
        RunListener broken = new RunListener() {
            @Override
            public void onStep(int index, StepResult step) {
                throw new IllegalStateException("listener broke");
            }

            @Override
            public void onAnswerDelta(String delta) {
                throw new IllegalStateException("listener broke");
            }
        };

        AgentResult result = agent(Plan.of(List.of(new PlanStep("get_status", Map.of()))))
                .run(AgentRequest.of("status"), Principal.of("vic"), broken);

        assertThat(result.steps()).extracting(StepResult::status).containsExactly(CallStatus.OK);
        assertThat(journal.dialogues).extracting(DialogueRecord::runId).containsExactly(result.runId());
    }

    @Test
    void should_report_a_finished_run_afterwards_for_an_agent_that_only_implements_the_plain_run() {
        Agent plain = agent(Plan.of(List.of(new PlanStep("get_status", Map.of()))));
        Agent wrapper = new Agent() {
            @Override
            public String name() {
                return "wrapper";
            }

            @Override
            public String description() {
                return "";
            }

            @Override
            public List<String> tools() {
                return plain.tools();
            }

            @Override
            public AgentResult run(AgentRequest request, Principal principal) {
                return plain.run(request, principal);
            }
        };
        Recorder recorder = new Recorder();

        AgentResult result = wrapper.run(AgentRequest.of("status"), Principal.of("vic"), recorder);

        assertThat(recorder.events).containsExactly("started " + result.runId(), "plan 1", "step 0 ok", "delta");
        assertThat(recorder.answer.toString()).isEqualTo(result.output());
    }
}
