package com.astradesk.server.wiring;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.ReferenceAgents;
import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.tool.ToolRegistry;
import java.util.List;

/**
 * The one place where the server's agents and their planner are chosen: the reference {@code support} and
 * {@code ops} agents over the keyword planner (reading services from the catalog), the state ports' knowledge
 * index and run journal. An LLM planner with the keyword planner as fallback plugs in here.
 */
final class AgentWiring {
    private AgentWiring() {}

    /**
     * Both reference agents.
     *
     * @throws IllegalStateException when one of their tools is not registered
     */
    static List<Agent> referenceAgents(
            ToolRegistry registry,
            StatePorts ports,
            ServiceCatalog catalog,
            ApprovalService approvals,
            ApprovalPolicy approvalPolicy) {
        Planner planner = KeywordPlanner.builder().withServiceCatalog(catalog).build();
        var deps = new ReferenceAgents.Dependencies(registry, planner, ports.knowledge(), ports.journal());
        return List.of(
                ReferenceAgents.supportBuilder(deps)
                        .withApprovals(approvals, approvalPolicy)
                        .build(),
                ReferenceAgents.opsBuilder(deps)
                        .withApprovals(approvals, approvalPolicy)
                        .build());
    }
}
