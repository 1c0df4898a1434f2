package com.astradesk.core.agent;

import com.astradesk.core.agent.internal.DefaultAgentBuilder;
import com.astradesk.core.policy.Principal;

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
    java.util.List<String> tools();

    /**
     * Runs one request. Policy denials and tool failures do not throw: they are steps with status
     * {@code denied}/{@code error} in the result.
     *
     * @throws com.astradesk.core.AstraDeskException when a required dependency (e.g. the run journal) fails
     */
    AgentResult run(AgentRequest request, Principal principal);
}
