package com.astradesk.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.ConversationTurn;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.plan.followup.FollowUpPlanner;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.FakeTool;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConversationTest {
    private final DialogueStore dialogues = DialogueStore.inMemory();
    private final RunJournal journal = RunJournal.inMemory(dialogues, AuditLog.inMemory(), AuditPublisher.inProcess());
    private final ToolRegistry registry = ToolRegistry.builder()
            .withTool(FakeTool.echo(ToolDescriptor.builder("get_metrics").build()))
            .withTool(FakeTool.echo(ToolDescriptor.builder("restart_service")
                    .withSideEffect(SideEffect.EXECUTE)
                    .withAllowedRoles("sre")
                    .build()))
            .build();
    private final List<PlanningRequest> seen = new ArrayList<>();
    private final Agent agent = Agent.builder("ops")
            .withPlanner(request -> {
                seen.add(request);
                return FollowUpPlanner.builder()
                        .withPlanner(KeywordPlanner.builder().build())
                        .build()
                        .plan(request);
            })
            .withToolRegistry(registry)
            .withTools(List.of("get_metrics", "restart_service"))
            .withRunJournal(journal)
            .withConversations(dialogues, 2)
            .build();
    private final Principal alice = Principal.of("alice", "sre");

    @Test
    void aFirstRequestStartsAConversationAndStoresItsPlan() {
        AgentResult first = agent.run(AgentRequest.of("show metrics for payments-api for the last 1h"), alice);

        assertThat(first.conversationId()).isNotBlank().isNotEqualTo(first.runId());
        List<DialogueRecord> stored = dialogues.conversation(first.conversationId(), 10);
        assertThat(stored).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo(first.runId());
            assertThat(r.meta().get("plan"))
                    .isEqualTo(Map.of(
                            "steps",
                            List.of(Map.of(
                                    "tool",
                                    "get_metrics",
                                    "args",
                                    Map.of("service", "payments-api", "window", "1h")))));
        });
        assertThat(seen.get(0).history()).isEmpty();
    }

    @Test
    void aFollowUpIsPlannedFromThePreviousTurn() {
        AgentResult first = agent.run(AgentRequest.of("show metrics for payments-api for the last 1h"), alice);
        AgentResult second =
                agent.run(AgentRequest.of("and for the last 6h?").inConversation(first.conversationId()), alice);

        assertThat(second.conversationId()).isEqualTo(first.conversationId());
        assertThat(second.steps())
                .singleElement()
                .satisfies(s -> assertThat(s.args()).isEqualTo(Map.of("service", "payments-api", "window", "6h")));
        assertThat(seen.get(1).history()).singleElement().satisfies(t -> {
            assertThat(t.input()).isEqualTo("show metrics for payments-api for the last 1h");
            assertThat(t.plan().steps())
                    .containsExactly(new PlanStep("get_metrics", Map.of("service", "payments-api", "window", "1h")));
        });
    }

    @Test
    void aClarificationAnsweredInOneWordRunsThePendingRestartUnderPolicy() {
        AgentResult asked = agent.run(AgentRequest.of("restart the service"), alice);
        assertThat(asked.steps()).isEmpty();

        AgentResult done = agent.run(AgentRequest.of("payments-api").inConversation(asked.conversationId()), alice);
        assertThat(done.steps()).singleElement().satisfies(s -> {
            assertThat(s.tool()).isEqualTo("restart_service");
            assertThat(s.args()).isEqualTo(Map.of("service", "payments-api"));
            assertThat(s.status()).isEqualTo(CallStatus.OK);
        });

        Principal viewer = Principal.of("victor", "viewer");
        AgentResult askedViewer = agent.run(AgentRequest.of("restart the service"), viewer);
        AgentResult denied =
                agent.run(AgentRequest.of("payments-api").inConversation(askedViewer.conversationId()), viewer);
        assertThat(denied.deniedSteps())
                .singleElement()
                .satisfies(s -> assertThat(s.tool()).isEqualTo("restart_service"));
    }

    @Test
    void thePlannerReceivesOnlyTheLastNTurnsOldestFirst() {
        AgentResult first = agent.run(AgentRequest.of("show metrics for webapp"), alice);
        String id = first.conversationId();
        agent.run(AgentRequest.of("what about auth-service?").inConversation(id), alice);
        agent.run(AgentRequest.of("and for the last 2h?").inConversation(id), alice);
        agent.run(AgentRequest.of("and database?").inConversation(id), alice);

        List<ConversationTurn> history = seen.get(3).history();
        assertThat(history)
                .extracting(ConversationTurn::input)
                .containsExactly("what about auth-service?", "and for the last 2h?");
        assertThat(dialogues.conversation(id, 10)).hasSize(4);
        assertThat(dialogues.conversation(id, 10).get(3).meta().get("plan"))
                .isEqualTo(Map.of(
                        "steps",
                        List.of(Map.of("tool", "get_metrics", "args", Map.of("service", "database", "window", "2h")))));
    }

    @Test
    void anotherPrincipalsConversationIsNotFoundAndNothingRuns() {
        AgentResult first = agent.run(AgentRequest.of("show metrics for payments-api"), alice);
        int before = dialogues.conversation(first.conversationId(), 10).size();

        assertThatThrownBy(() -> agent.run(
                        AgentRequest.of("restart it").inConversation(first.conversationId()),
                        Principal.of("mallory", "sre")))
                .isInstanceOf(ConversationNotFoundException.class)
                .hasMessageContaining(first.conversationId())
                .hasMessageNotContaining("alice");
        assertThat(dialogues.conversation(first.conversationId(), 10)).hasSize(before);
        assertThat(seen).hasSize(1);
    }

    @Test
    void anUnknownConversationIsNotFound() {
        assertThatThrownBy(() -> agent.run(AgentRequest.of("hello").inConversation("no-such-id"), alice))
                .isInstanceOf(ConversationNotFoundException.class);
    }

    @Test
    void aMalformedConversationIdIsRefused() {
        assertThatThrownBy(() -> AgentRequest.of("hi").inConversation("bad id with spaces"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlanWithAClarificationIsStoredAsSuch() {
        AgentResult asked = agent.run(AgentRequest.of("restart the service"), alice);
        Object plan =
                dialogues.conversation(asked.conversationId(), 1).get(0).meta().get("plan");
        assertThat(plan).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) plan).get("clarification")).isEqualTo(asked.output());
        assertThat(Plan.empty().isEmpty()).isTrue();
    }
}
