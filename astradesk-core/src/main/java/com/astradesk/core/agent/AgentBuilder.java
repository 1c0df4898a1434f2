package com.astradesk.core.agent;

import com.astradesk.core.knowledge.Retriever;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.tool.ToolRegistry;
import java.time.Clock;
import java.util.List;

/** Builds an {@link Agent}. Fails fast on a missing or bad parameter, naming it. Not thread-safe. */
public interface AgentBuilder {
    AgentBuilder withDescription(String description);

    /** The planner (required). */
    AgentBuilder withPlanner(Planner planner);

    /** The registry every step runs through (required). */
    AgentBuilder withToolRegistry(ToolRegistry registry);

    /** Tool names this agent may plan (each must be registered). */
    AgentBuilder withTools(List<String> toolNames);

    /** Knowledge used when the plan has no tool step; default: none (the agent says it found nothing). */
    AgentBuilder withRetriever(Retriever retriever);

    /** Where the run's dialogue and audit records go (required). */
    AgentBuilder withRunJournal(RunJournal journal);

    /** Retrieval settings; default top-5, min score 0.3. */
    AgentBuilder withKnowledge(int topK, double minScore);

    /**
     * Redacts what the run journal stores: the dialogue's query, answer and meta, and the arguments of the
     * agent's own audit records; default {@link Redactor#standard()}. The result returned to the caller is
     * not redacted.
     */
    AgentBuilder withRedactor(Redactor redactor);

    /**
     * Receives the run's observations: {@code agent.run} (outcome {@code ok}, {@code degraded} or {@code error}),
     * {@code plan} and {@code rag.query}. When the request carries no trace id, the run's trace id (if any) goes
     * into the agent's audit records. Default {@link Telemetry#global()}.
     *
     * @throws UnsupportedOperationException when this builder cannot report telemetry
     */
    default AgentBuilder withTelemetry(Telemetry telemetry) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support telemetry");
    }

    /**
     * Where the agent reads conversations from (the store its run journal writes dialogues to), and how many of a
     * conversation's last turns the planner receives. Without it, a request naming a conversation is refused
     * with {@link ConversationNotFoundException}; requests without one still get a new conversation id.
     *
     * @throws UnsupportedOperationException when this builder cannot keep conversations
     */
    default AgentBuilder withConversations(DialogueStore dialogues, int historyTurns) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support conversations");
    }

    /**
     * A model that writes the answer from the run's facts only, cited with {@code [n]} markers: for a knowledge
     * answer the retrieved chunks ({@code [n]} is the n-th chunk, listed as the citations), for a tool run the results
     * of the steps that ran ({@code [n]} is the n-th step of the result's {@code steps}). Steps that did not run
     * (denied, awaiting approval, failed, rate limited) keep their fixed lines, appended after the model's text. The
     * answer streams to the run's listener through {@link com.astradesk.core.model.ModelGateway#stream} (the
     * gateway's output guardrails apply). When the model fails, times out, a guardrail stops it or it cites a source
     * that does not exist, the extractive (knowledge) or templated (tool) answer is used and the run is marked
     * degraded. Default: none (extractive and templated answers).
     *
     * @throws UnsupportedOperationException when this builder cannot use an answer model
     */
    default AgentBuilder withAnswerModel(com.astradesk.core.model.ModelGateway gateway) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support an answer model");
    }

    /** Clock for timestamps; default system UTC. */
    AgentBuilder withClock(Clock clock);

    Agent build();
}
