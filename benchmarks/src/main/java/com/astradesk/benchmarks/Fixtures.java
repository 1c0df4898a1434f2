package com.astradesk.benchmarks;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.ReferenceAgents;
import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolExecution;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/** The server's default in-process wiring (keyword planner, built-in tools, in-memory state), for benchmarks. */
final class Fixtures {
    private Fixtures() {}

    /** The built-in tools over the default service catalog, auditing nowhere. */
    static ToolRegistry registry() {
        return registryWith(UnaryOperator.identity());
    }

    /** The stock registry with each discovered tool passed through {@code change} first. */
    static ToolRegistry registryWith(UnaryOperator<Tool> change) {
        ServiceCatalog catalog = ServiceCatalog.defaults();
        return ToolRegistry.builder()
                .withAuditSink(record -> {})
                .withTools(ToolProviders.discoveredTools(ToolProviderContext.builder()
                                .withService(Clock.class, Clock.systemUTC())
                                .withService(ServiceCatalog.class, catalog)
                                .withService(LockService.class, LockService.inMemory())
                                .build())
                        .stream()
                        .map(change)
                        .toList())
                .build();
    }

    /** The tool with its body isolated on a registry thread (the default before INLINE existed). */
    static Tool isolated(Tool tool) {
        ToolDescriptor d = tool.descriptor();
        ToolDescriptor isolated = new ToolDescriptor(
                d.name(),
                d.description(),
                d.argumentsSchema(),
                d.sideEffect(),
                d.allowedRoles(),
                d.idempotent(),
                d.timeout(),
                d.lockKey(),
                d.approvalInProduction(),
                ToolExecution.ISOLATED);
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return isolated;
            }

            @Override
            public ToolResult call(ToolCall call) {
                return tool.call(call);
            }
        };
    }

    /** The keyword planner over the default catalog. */
    static Planner planner() {
        return KeywordPlanner.builder()
                .withServiceCatalog(ServiceCatalog.defaults())
                .build();
    }

    /** Both reference agents over in-memory state. */
    static List<Agent> agents(ToolRegistry registry, KnowledgeIndex knowledge, RunJournal journal) {
        return ReferenceAgents.all(new ReferenceAgents.Dependencies(registry, planner(), knowledge, journal));
    }
}
