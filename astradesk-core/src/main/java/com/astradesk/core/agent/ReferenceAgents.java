package com.astradesk.core.agent;

import com.astradesk.core.knowledge.Retriever;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.tool.ToolRegistry;
import java.util.List;
import java.util.Objects;

/**
 * The two reference agents of the product: {@code support} (tickets + knowledge) and {@code ops} (metrics,
 * restarts, weather). They are ordinary {@link Agent}s built with {@link Agent#builder(String)}; this class
 * only fixes their names, descriptions and tool lists. The tools themselves (e.g. from {@code
 * astradesk-tools}, or your own under the same names) must already be registered. Thread-safe (stateless).
 */
public final class ReferenceAgents {
    /** Wire name of the IT support agent. */
    public static final String SUPPORT = "support";

    /** Wire name of the SRE/ops agent. */
    public static final String OPS = "ops";

    /** Tools the support agent plans: {@code create_ticket}, {@code get_ticket}. */
    public static final List<String> SUPPORT_TOOLS = List.of("create_ticket", "get_ticket");

    /** Tools the ops agent plans: {@code get_metrics}, {@code restart_service}, {@code get_weather}. */
    public static final List<String> OPS_TOOLS = List.of("get_metrics", "restart_service", "get_weather");

    private ReferenceAgents() {}

    /**
     * What both reference agents run on. Immutable.
     *
     * @param tools     the registry holding the agents' tools (every call goes through it)
     * @param planner   plans each request
     * @param retriever knowledge for requests no tool answers ({@code query -> List.of()} for none)
     * @param journal   where each run's dialogue and audit records go
     */
    public record Dependencies(ToolRegistry tools, Planner planner, Retriever retriever, RunJournal journal) {
        /** Checks that every dependency is present. */
        public Dependencies {
            Objects.requireNonNull(tools, "tools");
            Objects.requireNonNull(planner, "planner");
            Objects.requireNonNull(retriever, "retriever");
            Objects.requireNonNull(journal, "journal");
        }

        /** Dependencies without a knowledge base: knowledge questions get an honest "not found". */
        public static Dependencies withoutKnowledge(ToolRegistry tools, Planner planner, RunJournal journal) {
            return new Dependencies(tools, planner, query -> List.of(), journal);
        }
    }

    /**
     * The support agent, ready to run.
     *
     * @throws IllegalStateException when {@code create_ticket} or {@code get_ticket} is not registered
     */
    public static Agent support(Dependencies deps) {
        return supportBuilder(deps).build();
    }

    /**
     * The ops agent, ready to run.
     *
     * @throws IllegalStateException when {@code get_metrics}, {@code restart_service} or {@code get_weather}
     *     is not registered
     */
    public static Agent ops(Dependencies deps) {
        return opsBuilder(deps).build();
    }

    /** Both reference agents: support, then ops. */
    public static List<Agent> all(Dependencies deps) {
        return List.of(support(deps), ops(deps));
    }

    /** A builder preset for the support agent, to adjust (knowledge settings, clock) before building. */
    public static AgentBuilder supportBuilder(Dependencies deps) {
        return preset(SUPPORT, "IT support: tickets + knowledge", SUPPORT_TOOLS, deps);
    }

    /** A builder preset for the ops agent, to adjust (knowledge settings, clock) before building. */
    public static AgentBuilder opsBuilder(Dependencies deps) {
        return preset(OPS, "SRE/ops: service metrics, restarts and weather", OPS_TOOLS, deps);
    }

    private static AgentBuilder preset(String name, String description, List<String> tools, Dependencies deps) {
        Objects.requireNonNull(deps, "deps");
        return Agent.builder(name)
                .withDescription(description)
                .withTools(tools)
                .withToolRegistry(deps.tools())
                .withPlanner(deps.planner())
                .withRetriever(deps.retriever())
                .withRunJournal(deps.journal());
    }
}
