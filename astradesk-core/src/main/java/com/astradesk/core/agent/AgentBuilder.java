package com.astradesk.core.agent;

import com.astradesk.core.knowledge.Retriever;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.redaction.Redactor;
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

    /** Clock for timestamps; default system UTC. */
    AgentBuilder withClock(Clock clock);

    /**
     * Steps for which {@code policy} asks an approval are not run: the agent checks the caller's permission
     * first (a denied step is denied as usual), then parks the call with {@code service}, reports the step as
     * {@link com.astradesk.core.tool.CallStatus#PENDING_APPROVAL} (its result holds {@code approval_id} and
     * {@code expires_at}) and runs no later step. The approved call later runs through the registry. Default:
     * no approvals. This default implementation refuses, so custom builders must opt in.
     *
     * @throws UnsupportedOperationException when the builder does not support approvals
     */
    default AgentBuilder withApprovals(
            com.astradesk.core.approval.ApprovalService service, com.astradesk.core.approval.ApprovalPolicy policy) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support approvals");
    }

    Agent build();
}
