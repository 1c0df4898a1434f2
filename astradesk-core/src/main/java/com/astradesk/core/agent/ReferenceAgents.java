package com.astradesk.core.agent;

import com.astradesk.core.knowledge.Retriever;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.spi.ToolProvider;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.tool.ToolRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two reference agents of the product: {@code support} (tickets + knowledge) and {@code ops} (metrics,
 * restarts, weather). They are ordinary {@link Agent}s built with {@link Agent#builder(String)}; this class
 * only fixes their names and descriptions (the ops agent's names only the built-in tools it offers). Which tools each offers is contributed by the {@link ToolProvider}s
 * ({@link ToolProvider#agentTools()}), so a new tool needs no edit here; the tools themselves must already be
 * registered. Thread-safe (stateless).
 */
public final class ReferenceAgents {
    /** Wire name of the IT support agent. */
    public static final String SUPPORT = "support";

    /** Wire name of the SRE/ops agent. */
    public static final String OPS = "ops";

    /**
     * What the ops agent's description names for each built-in tool it may offer, in this order: a deployment that
     * turned one off (weather with {@code WEATHER_URL=none}) must not advertise it in {@code /v1/agents} or MCP.
     */
    private static final Map<String, String> OPS_TOPICS =
            orderedMap("get_metrics", "service metrics", "restart_service", "restarts", "get_weather", "weather");

    private ReferenceAgents() {}

    /**
     * What both reference agents run on. Immutable.
     *
     * @param tools     the registry holding the agents' tools (every call goes through it)
     * @param planner   plans each request
     * @param retriever knowledge for requests no tool answers ({@code query -> List.of()} for none)
     * @param journal    where each run's dialogue and audit records go
     * @param agentTools agent name → the tools it offers, as {@link ToolProviders#agentTools} merges them
     */
    public record Dependencies(
            ToolRegistry tools,
            Planner planner,
            Retriever retriever,
            RunJournal journal,
            Map<String, List<String>> agentTools) {
        /** Checks that every dependency is present. */
        public Dependencies {
            Objects.requireNonNull(tools, "tools");
            Objects.requireNonNull(planner, "planner");
            Objects.requireNonNull(retriever, "retriever");
            Objects.requireNonNull(journal, "journal");
            var copy = new LinkedHashMap<String, List<String>>();
            Objects.requireNonNull(agentTools, "agentTools")
                    .forEach((agent, names) -> copy.put(agent, List.copyOf(names)));
            agentTools = java.util.Collections.unmodifiableMap(copy);
        }

        /** Dependencies whose agents offer what the {@link ToolProviders#discovered() discovered} providers say. */
        public Dependencies(ToolRegistry tools, Planner planner, Retriever retriever, RunJournal journal) {
            this(tools, planner, retriever, journal, ToolProviders.agentTools(ToolProviders.discovered()));
        }

        /** Dependencies without a knowledge base: knowledge questions get an honest "not found". */
        public static Dependencies withoutKnowledge(ToolRegistry tools, Planner planner, RunJournal journal) {
            return new Dependencies(tools, planner, query -> List.of(), journal);
        }

        /** The tools the named agent offers (empty when no provider offers it any). */
        public List<String> toolsOf(String agent) {
            return agentTools.getOrDefault(agent, List.of());
        }
    }

    /**
     * The support agent, ready to run.
     *
     * @throws IllegalStateException when one of its tools is not registered
     */
    public static Agent support(Dependencies deps) {
        return supportBuilder(deps).build();
    }

    /**
     * The ops agent, ready to run.
     *
     * @throws IllegalStateException when one of its tools is not registered
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
        return preset(SUPPORT, "IT support: tickets + knowledge", deps);
    }

    /** A builder preset for the ops agent, to adjust (knowledge settings, clock) before building. */
    public static AgentBuilder opsBuilder(Dependencies deps) {
        return preset(OPS, opsDescription(deps.toolsOf(OPS)), deps);
    }

    /** "SRE/ops: " and the topics of the built-in tools among {@code tools}, e.g. "service metrics and restarts". */
    static String opsDescription(List<String> tools) {
        List<String> topics = OPS_TOPICS.entrySet().stream()
                .filter(e -> tools.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        if (topics.isEmpty()) {
            return "SRE/ops";
        }
        String last = topics.get(topics.size() - 1);
        return "SRE/ops: "
                + (topics.size() == 1
                        ? last
                        : String.join(", ", topics.subList(0, topics.size() - 1)) + " and " + last);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        var out = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static AgentBuilder preset(String name, String description, Dependencies deps) {
        Objects.requireNonNull(deps, "deps");
        return Agent.builder(name)
                .withDescription(description)
                .withTools(deps.toolsOf(name))
                .withToolRegistry(deps.tools())
                .withPlanner(deps.planner())
                .withRetriever(deps.retriever())
                .withRunJournal(deps.journal());
    }
}
