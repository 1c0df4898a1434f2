package com.astradesk.server.mcp;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRateLimit;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.http.ProtectedResource;
import com.astradesk.server.security.ServerSecurity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server with the MCP endpoint over test tools that count their calls: {@code get_status} (read, anyone),
 * {@code restart_service} (execute, role {@code sre}, needs approval), {@code create_ticket} (write, role
 * {@code support}, requires {@code title}) and {@code ping_once} (read, one call per caller, then rate limited);
 * an {@code ops} agent planning "status" and "restart X"; a knowledge base with a public and a group-only
 * document. Audit records of every registry call land in {@link #auditLog}.
 */
final class McpFixture implements AutoCloseable {
    static final DevIssuer ISSUER = DevIssuer.ephemeral();

    final AtomicInteger statusCalls = new AtomicInteger();
    final AtomicInteger restarts = new AtomicInteger();
    final AtomicInteger tickets = new AtomicInteger();
    final AuditLog auditLog = AuditLog.inMemory();
    final ToolRegistry registry;
    final McpToolServer mcp;
    final AstraDeskServer server;

    McpFixture() {
        RunJournal journal = RunJournal.inMemory(DialogueStore.inMemory(), auditLog, AuditPublisher.inProcess());
        ApprovalService approvals = ApprovalService.builder()
                .withPolicy(ApprovalPolicy.forTools(Set.of("restart_service")))
                .withAuditSink(r -> journal.recordEvents(List.of(r)))
                .withTimeToLive(Duration.ofHours(1))
                .build();
        Map<String, Integer> pings = new ConcurrentHashMap<>();
        ToolRateLimit oncePerCaller = (principal, tool) -> {
            if (!tool.name().equals("ping_once")) {
                return Optional.empty();
            }
            int n = pings.merge(principal.subject(), 1, Integer::sum);
            return Optional.of(
                    n == 1
                            ? new RateLimitDecision(true, 1, 0, Duration.ofSeconds(60), Duration.ZERO)
                            : new RateLimitDecision(false, 1, 0, Duration.ofSeconds(60), Duration.ofSeconds(60)));
        };
        this.registry = ToolRegistry.builder()
                .withApprovalGate(approvals)
                .withRateLimit(oncePerCaller)
                .withPolicy(ToolPolicy.roleBased())
                .withAuditSink(r -> journal.recordEvents(List.of(r)))
                .withTool(counting(
                        ToolDescriptor.builder("get_status")
                                .withDescription("Read a service's status")
                                .build(),
                        statusCalls))
                .withTool(counting(
                        ToolDescriptor.builder("restart_service")
                                .withDescription("Restart a service")
                                .withSideEffect(SideEffect.EXECUTE)
                                .withAllowedRoles("sre")
                                .withArgumentsSchema(Map.of(
                                        "type", "object",
                                        "properties", Map.of("service", Map.of("type", "string")),
                                        "required", List.of("service")))
                                .build(),
                        restarts))
                .withTool(counting(
                        ToolDescriptor.builder("create_ticket")
                                .withDescription("Open a ticket")
                                .withSideEffect(SideEffect.WRITE)
                                .withAllowedRoles("support")
                                .withArgumentsSchema(Map.of(
                                        "type",
                                        "object",
                                        "properties",
                                        Map.of("title", Map.of("type", "string", "minLength", 3)),
                                        "required",
                                        List.of("title"),
                                        "additionalProperties",
                                        false))
                                .build(),
                        tickets))
                .withTool(counting(
                        ToolDescriptor.builder("ping_once")
                                .withDescription("Ping, once per caller")
                                .build(),
                        new AtomicInteger()))
                .build();
        Embedder embedder = Embedder.hashing(256);
        KnowledgeIndex index = KnowledgeIndex.inMemory(embedder);
        DocumentIngestor ingestor = DocumentIngestor.builder(index, embedder).build();
        ingestor.ingestDocument(
                "faq/vpn.md",
                "# VPN\n\nTo reset the VPN client, open AstraVPN and choose Reconnect."
                        .getBytes(StandardCharsets.UTF_8),
                Set.of());
        ingestor.ingestDocument(
                "runbooks/payments-vpn.md",
                "# Payments VPN\n\nThe payments VPN gateway restarts with the gateway-reset runbook."
                        .getBytes(StandardCharsets.UTF_8),
                Set.of("sre-team"));
        Agent ops = Agent.builder("ops")
                .withDescription("Operations agent.")
                .withPlanner(request -> {
                    String in = request.input().toLowerCase(Locale.ROOT);
                    if (in.startsWith("restart ")) {
                        return Plan.of(List.of(new PlanStep(
                                "restart_service",
                                Map.of("service", in.substring(8).trim()))));
                    }
                    if (in.contains("status")) {
                        return Plan.of(List.of(new PlanStep("get_status", Map.of())));
                    }
                    return Plan.empty();
                })
                .withToolRegistry(registry)
                .withTools(List.of("restart_service", "get_status"))
                .withRetriever(index)
                .withRunJournal(journal)
                .build();
        this.mcp = McpToolServer.builder(registry)
                .withOwnToolChain(ToolRegistry.builder()
                        .withPolicy(ToolPolicy.roleBased())
                        .withAuditSink(r -> journal.recordEvents(List.of(r))))
                .withAgents(List.of(ops))
                .withKnowledge(index, 3, -1.0)
                .build();
        this.server = AstraDeskServer.builder()
                .withAgents(List.of(ops))
                .withToolRegistry(registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(ISSUER))
                .withSecurity(ServerSecurity.permissive().withApprovals(approvals))
                .withMcp(mcp, new ProtectedResource(Optional.empty(), List.of("https://id.example.com/realms/it")))
                .build()
                .start();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    static String token(String sub, List<String> roles, List<String> groups) {
        return ISSUER.mint(sub, roles, groups, Duration.ofMinutes(10));
    }

    /** The audit records of tool calls made over MCP. */
    List<AuditRecord> mcpCalls() {
        return auditLog.recent(1000).stream()
                .filter(r -> "mcp".equals(r.args().get("channel")))
                .toList();
    }

    private static Tool counting(ToolDescriptor descriptor, AtomicInteger calls) {
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ToolResult call(ToolCall call) {
                calls.incrementAndGet();
                return ToolResult.of(descriptor.name() + " done", Map.of("tool", descriptor.name()));
            }
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
