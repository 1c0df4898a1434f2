package com.astradesk.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.RecordingRunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.tool.FakeTool;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentRedactionTest {
    private static final String INPUT = "my card 4111 1111 1111 1111 was charged twice, mail jan@example.com";
    private final RecordingRunJournal journal = new RecordingRunJournal();
    private final FakeTool getTicket =
            FakeTool.echo(ToolDescriptor.builder("get_ticket").build());
    private final ToolRegistry registry =
            ToolRegistry.builder().withTool(getTicket).build();

    private AgentBuilder agent() {
        return Agent.builder("support")
                .withPlanner(request -> Plan.empty())
                .withToolRegistry(registry)
                .withTools(List.of("get_ticket"))
                .withRunJournal(journal);
    }

    private static AgentRequest request() {
        return new AgentRequest(
                INPUT,
                Map.of("contact", "+48 601 234 567", "channel", "web"),
                "req-1",
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void should_store_a_redacted_dialogue_but_answer_the_caller_normally() {
        // when
        AgentResult result = agent().build().run(request(), Principal.of("ana", "it.support"));

        // then
        DialogueRecord stored = journal.dialogues.get(0);
        assertThat(stored.query()).isEqualTo("my card [REDACTED:card] was charged twice, mail [REDACTED:email]");
        assertThat(stored.answer()).doesNotContain("4111 1111 1111 1111", "jan@example.com");
        assertThat(stored.meta()).containsEntry("contact", "[REDACTED:phone]").containsEntry("channel", "web");
        assertThat(result.runId()).isEqualTo(stored.runId());
    }

    @Test
    void should_redact_the_arguments_of_a_step_the_agent_refuses_itself() {
        // given: the planner names a tool the agent does not offer
        Agent agent = agent().withPlanner(
                        request -> Plan.of(List.of(new PlanStep("restart_service", Map.of("note", "jan@example.com")))))
                .build();

        // when
        agent.run(request(), Principal.of("ana", "it.support"));

        // then
        assertThat(journal.audits)
                .filteredOn(r -> r.action().equals("restart_service"))
                .singleElement()
                .satisfies(r -> assertThat(r.args().get("arguments")).isEqualTo(Map.of("note", "[REDACTED:email]")));
    }

    @Test
    void should_use_the_redactor_it_is_given() {
        // when
        agent().withRedactor(Redactor.of(List.of())).build().run(request(), Principal.of("ana", "it.support"));

        // then
        assertThat(journal.dialogues.get(0).query()).isEqualTo(INPUT);
    }
}
