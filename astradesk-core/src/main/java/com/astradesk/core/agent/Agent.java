package com.astradesk.core.agent;

import com.astradesk.core.agent.internal.DefaultAgentBuilder;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.policy.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent: plans a request, runs the plan's tool steps through the {@link
 * com.astradesk.core.tool.ToolRegistry}, answers from knowledge when no tool applies, and records the dialogue
 * and audit trail. Thread-safe.
 */
public interface Agent {

    /** A builder for the stock implementation. */
    static AgentBuilder builder(String name) {
        return new DefaultAgentBuilder(name);
    }

    /** The agent's wire name, e.g. {@code support}. */
    String name();

    /** One sentence on what the agent does. */
    String description();

    /** The tool names this agent may plan. */
    List<String> tools();

    /**
     * Runs one request. Policy denials and tool failures do not throw: they are steps with status
     * {@code denied}/{@code error} in the result.
     *
     * @throws com.astradesk.core.AstraDeskException when a required dependency (e.g. the run journal) fails
     */
    AgentResult run(AgentRequest request, Principal principal);

    /**
     * Runs one request like {@link #run(AgentRequest, Principal)} and reports its progress to {@code listener}
     * as it happens. This default runs the request first and then reports the result's steps and answer (an
     * agent that can report live, like the stock one, overrides it).
     *
     * @throws com.astradesk.core.AstraDeskException when a required dependency (e.g. the run journal) fails
     */
    default AgentResult run(AgentRequest request, Principal principal, RunListener listener) {
        Objects.requireNonNull(listener, "listener");
        AgentResult result = run(request, principal);
        listener.onRunStarted(result.runId(), result.conversationId());
        List<PlanStep> planned = result.steps().stream()
                .map(s -> new PlanStep(s.tool(), s.args()))
                .toList();
        listener.onPlan(new Plan(planned, Optional.empty(), result.degraded(), result.degradedReason()));
        for (int i = 0; i < result.steps().size(); i++) {
            listener.onStep(i, result.steps().get(i));
        }
        listener.onAnswerDelta(result.output());
        return result;
    }
}
