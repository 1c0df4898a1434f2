package com.astradesk.server.wiring;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.tool.ToolRegistry;
import java.util.List;

/**
 * The one place where the server's reference agents and their planner are chosen. Until the keyword planner
 * and {@code ReferenceAgents} land, both agents run with a placeholder planner that plans nothing and marks
 * every answer degraded, offering whichever of their built-in tools are registered.
 */
final class AgentWiring {
    static final List<String> SUPPORT_TOOLS = List.of("create_ticket", "get_ticket");
    static final List<String> OPS_TOOLS = List.of("get_metrics", "restart_service", "get_weather");

    private AgentWiring() {}

    /** The {@code support} and {@code ops} agents over the registry and journal. */
    static List<Agent> referenceAgents(ToolRegistry registry, RunJournal journal) {
        Planner planner = request -> Plan.empty().degraded("no planner is wired into this server build");
        return List.of(
                Agent.builder("support")
                        .withDescription("IT support: creates and looks up tickets, answers from the knowledge base.")
                        .withPlanner(planner)
                        .withToolRegistry(registry)
                        .withTools(registered(registry, SUPPORT_TOOLS))
                        .withRunJournal(journal)
                        .build(),
                Agent.builder("ops")
                        .withDescription("SRE/ops: reads service metrics, restarts services (sre role), weather.")
                        .withPlanner(planner)
                        .withToolRegistry(registry)
                        .withTools(registered(registry, OPS_TOOLS))
                        .withRunJournal(journal)
                        .build());
    }

    private static List<String> registered(ToolRegistry registry, List<String> names) {
        return names.stream().filter(n -> registry.find(n).isPresent()).toList();
    }
}
