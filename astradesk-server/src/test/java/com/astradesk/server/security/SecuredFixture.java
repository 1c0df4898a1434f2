package com.astradesk.server.security;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.tool.ArgumentRule;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRateLimit;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.http.AstraDeskServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server over test tools that count their calls: {@code restart_service} (execute, role sre, optional
 * {@code env}), {@code get_status} (read, anyone). The planner plans "restart X [in ENV]" and "status".
 */
final class SecuredFixture implements AutoCloseable {
    static final DevIssuer ISSUER = DevIssuer.ephemeral();

    final AtomicInteger restarts = new AtomicInteger();
    final AtomicInteger statusCalls = new AtomicInteger();
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final AuditLog auditLog = AuditLog.inMemory();
    final ToolRegistry registry;
    final ApprovalService approvals;
    final AstraDeskServer server;
    final HttpHarness http;
    volatile Duration restartDelay = Duration.ZERO;

    SecuredFixture(ServerSecurity security, Set<String> approvalTools, List<ArgumentRule> rules) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        DialogueStore dialogues = DialogueStore.inMemory();
        RunJournal journal = RunJournal.inMemory(dialogues, auditLog, AuditPublisher.inProcess());
        this.approvals = ApprovalService.builder()
                .withPolicy(ApprovalPolicy.forTools(approvalTools))
                .withAuditSink(r -> journal.recordEvents(List.of(r)))
                .withClock(clock)
                .withTimeToLive(Duration.ofHours(1))
                .build();
        this.registry = ToolRegistry.builder()
                .withApprovalGate(approvals)
                .withRateLimit(ToolRateLimit.of(security.rateLimits()))
                .withPolicy(ToolPolicy.withArgumentRules(ToolPolicy.roleBased(), rules))
                .withAuditSink(r -> journal.recordEvents(List.of(r)))
                .withTool(tool(
                        ToolDescriptor.builder("restart_service")
                                .withDescription("Restart a service")
                                .withSideEffect(SideEffect.EXECUTE)
                                .withAllowedRoles("sre")
                                .withArgumentsSchema(Map.of(
                                        "type", "object",
                                        "properties",
                                                Map.of(
                                                        "service", Map.of("type", "string"),
                                                        "env", Map.of("type", "string")),
                                        "required", List.of("service")))
                                .build(),
                        restarts))
                .withTool(tool(
                        ToolDescriptor.builder("get_status")
                                .withDescription("Read a service's status")
                                .build(),
                        statusCalls))
                .build();
        Agent ops = Agent.builder("ops")
                .withDescription("test ops agent")
                .withPlanner(planner())
                .withToolRegistry(registry)
                .withTools(List.of("restart_service", "get_status"))
                .withRunJournal(journal)
                .build();
        this.server = AstraDeskServer.builder()
                .withAgents(List.of(ops))
                .withToolRegistry(registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(ISSUER))
                .withSecurity(security.withApprovals(approvals))
                .build()
                .start();
        this.http = new HttpHarness(server);
    }

    SecuredFixture(ServerSecurity security) {
        this(security, Set.of(), List.of());
    }

    static ServerSecurity limited(RateLimitPolicy policy) {
        return ServerSecurity.permissive().withRateLimits(policy);
    }

    static String token(String sub, String... roles) {
        return ISSUER.mint(sub, List.of(roles), List.of(), Duration.ofMinutes(10));
    }

    static String body(String input) {
        return "{\"agent\":\"ops\",\"input\":" + HttpHarness.quote(input) + "}";
    }

    private static Planner planner() {
        return request -> {
            String in = request.input().toLowerCase(Locale.ROOT);
            if (in.startsWith("status then restart ")) {
                return Plan.of(List.of(
                        new PlanStep("get_status", Map.of()),
                        new PlanStep(
                                "restart_service",
                                Map.of("service", in.substring(20).trim())),
                        new PlanStep("get_status", Map.of())));
            }
            if (in.startsWith("restart ")) {
                String[] words = in.substring(8).trim().split(" in ", 2);
                Map<String, Object> args = words.length == 2
                        ? Map.of("service", words[0].trim(), "env", words[1].trim())
                        : Map.of("service", words[0].trim());
                return Plan.of(List.of(new PlanStep("restart_service", args)));
            }
            if (in.contains("status")) {
                return Plan.of(List.of(new PlanStep("get_status", Map.of())));
            }
            return Plan.empty();
        };
    }

    private Tool tool(ToolDescriptor descriptor, AtomicInteger calls) {
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ToolResult call(ToolCall call) {
                calls.incrementAndGet();
                if (descriptor.name().equals("restart_service") && !restartDelay.isZero()) {
                    try {
                        Thread.sleep(restartDelay.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return ToolResult.of(
                        descriptor.name() + " done",
                        Map.of(
                                "tool",
                                descriptor.name(),
                                "key",
                                call.idempotencyKey().orElse("-")));
            }
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
