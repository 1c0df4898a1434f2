package com.astradesk.server;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Test agents and tools: no dependency on the built-in tools module or the keyword planner. */
public final class TestFixtures {
    public final DialogueStore dialogues = DialogueStore.inMemory();
    public final AuditLog auditLog = AuditLog.inMemory();
    public final RunJournal journal = RunJournal.inMemory(dialogues, auditLog, AuditPublisher.inProcess());
    public final ToolRegistry registry = ToolRegistry.builder()
            .withTool(tool(ToolDescriptor.builder("restart_service")
                    .withDescription("Restart a service")
                    .withSideEffect(SideEffect.EXECUTE)
                    .withAllowedRoles("sre")
                    .withArgumentsSchema(Map.of(
                            "type", "object",
                            "properties", Map.of("service", Map.of("type", "string")),
                            "required", List.of("service")))
                    .build()))
            .withTool(tool(ToolDescriptor.builder("create_ticket")
                    .withDescription("Create a ticket")
                    .withSideEffect(SideEffect.WRITE)
                    .withAllowedRoles("it.support", "sre")
                    .build()))
            .withTool(tool(ToolDescriptor.builder("get_status")
                    .withDescription("Read a service's status")
                    .build()))
            .build();

    /** Plans restart_service for "restart &lt;service&gt;", get_status for "status", else nothing. */
    public final Planner planner = request -> {
        String in = request.input().toLowerCase(Locale.ROOT);
        if (in.startsWith("restart ")) {
            return Plan.of(List.of(new PlanStep(
                    "restart_service", Map.of("service", in.substring(8).trim()))));
        }
        if (in.contains("status")) {
            return Plan.of(List.of(new PlanStep("get_status", Map.of())));
        }
        return Plan.empty();
    };

    public final Agent ops = Agent.builder("ops")
            .withDescription("test ops agent")
            .withPlanner(planner)
            .withToolRegistry(registry)
            .withTools(List.of("restart_service", "get_status"))
            .withRunJournal(journal)
            .withRetriever(
                    query -> List.of(new KnowledgeChunk("runbook.md", 2, "In an outage, restart with care.", 0.9)))
            .build();

    public final Agent support = Agent.builder("support")
            .withDescription("test support agent")
            .withPlanner(request -> Plan.empty())
            .withToolRegistry(registry)
            .withTools(List.of("create_ticket"))
            .withRunJournal(journal)
            .build();

    public List<Agent> agents() {
        return List.of(support, ops);
    }

    private static Tool tool(ToolDescriptor descriptor) {
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ToolResult call(com.astradesk.core.tool.ToolCall call) {
                return ToolResult.of(
                        descriptor.name() + " done", Map.of("tool", descriptor.name(), "args", call.arguments()));
            }
        };
    }
}
