package com.astradesk.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.ratelimit.RateLimitConfig;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry's one chain: its order, and one audit record per outcome. */
class ToolChainTest {
    private static final Principal SRE = Principal.of("sam", "sre");
    private static final Principal VIEWER = Principal.of("vic", "viewer");

    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateChecks = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final LockService locks = LockService.inMemory();
    private final FakeTool restart = new FakeTool(
            ToolDescriptor.builder("restart_service")
                    .withSideEffect(SideEffect.EXECUTE)
                    .withAllowedRoles("sre")
                    .withLockKey("restart:{service}")
                    .withTimeout(Duration.ofMillis(300))
                    .withArgumentsSchema(Map.of(
                            "type", "object",
                            "required", List.of("service"),
                            "properties", Map.of("service", Map.of("type", "string"), "env", Map.of("type", "string"))))
                    .build(),
            call -> {
                if ("slow".equals(call.arguments().get("service"))) {
                    awaitIgnoringInterrupts(release);
                }
                if ("broken".equals(call.arguments().get("service"))) {
                    throw new IllegalStateException("secret stack detail");
                }
                return ToolResult.of("restarted", Map.of());
            });
    private final FakeTool deploy = FakeTool.echo(ToolDescriptor.builder("deploy")
            .withSideEffect(SideEffect.EXECUTE)
            .withAllowedRoles("sre")
            .build());
    private final ApprovalService approvals = ApprovalService.builder()
            .withPolicy(ApprovalPolicy.forTools(Set.of("deploy")))
            .withAuditSink(audit::add)
            .build();
    private final RateLimitPolicy limits = RateLimitPolicy.of(
            RateLimitConfig.of(RateLimitRule.perMinute(100))
                    .withToolRule("restart_service", RateLimitRule.perMinute(2)),
            RateLimiter.inMemory());
    private final ToolRegistry registry = ToolRegistry.builder()
            .withTool(restart)
            .withTool(deploy)
            .withPolicy(ToolPolicy.withArgumentRules(
                    ToolPolicy.roleBased(),
                    List.of(ArgumentRule.of("restart_service", "env", ArgumentMatcher.equalTo("prod"), "sre.prod"))))
            .withApprovalGate(approvals)
            .withRateLimit((principal, tool) -> {
                rateChecks.incrementAndGet();
                return ToolRateLimit.of(limits).acquire(principal, tool);
            })
            .withLocks(locks)
            .withAuditSink(audit::add)
            .build();

    /** A tool body that does not honour interruption: it ends only when released. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (latch.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                latch.await(10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // ignored on purpose
            }
        }
    }

    private ToolOutcome call(String tool, Map<String, Object> args, Principal who) {
        return registry.execute(ToolCall.of(tool, args, who));
    }

    @Test
    void should_name_its_stages_in_the_one_fixed_order() {
        assertThat(registry.stages())
                .containsExactly(
                        "policy",
                        "approval",
                        "rate_limit",
                        "validation",
                        "lock",
                        "step_record",
                        "timeout",
                        "tool",
                        "audit");
    }

    @Test
    void should_deny_by_role_before_anything_else_and_audit_it() {
        ToolOutcome outcome = call("restart_service", Map.of("service", "webapp"), VIEWER);

        assertThat(outcome.outcome()).isEqualTo(CallOutcome.DENIED_ROLE);
        assertThat(outcome.status()).isEqualTo(CallStatus.DENIED);
        assertThat(rateChecks).hasValue(0);
        assertThat(restart.calls()).isZero();
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.decision()).isEqualTo(AuditDecision.DENIED);
            assertThat(r.args())
                    .containsEntry("outcome", "denied_role")
                    .containsEntry("channel", "agent")
                    .containsEntry("required_roles", List.of("sre"));
        });
    }

    @Test
    void should_deny_by_argument_rule_after_the_role_check() {
        ToolOutcome outcome = call("restart_service", Map.of("service", "webapp", "env", "prod"), SRE);

        assertThat(outcome.outcome()).isEqualTo(CallOutcome.DENIED_ARGUMENT);
        assertThat(outcome.denial().orElseThrow().requiredRoles()).containsExactly("sre.prod");
        assertThat(audit.get(0).args()).containsEntry("outcome", "denied_argument");
        assertThat(rateChecks).hasValue(0);
    }

    @Test
    void should_park_for_approval_before_the_rate_limit_takes_a_token() {
        ToolOutcome outcome = call("deploy", Map.of(), SRE);

        assertThat(outcome.outcome()).isEqualTo(CallOutcome.PENDING_APPROVAL);
        assertThat(outcome.approval()).isPresent();
        assertThat(rateChecks).hasValue(0);
        assertThat(deploy.calls()).isZero();
        assertThat(audit.get(0).decision()).isEqualTo(AuditDecision.PENDING);
        assertThat(audit.get(0).args())
                .containsEntry("approval_id", outcome.approval().get().approvalId());
    }

    @Test
    void should_refuse_over_the_per_tool_limit_with_the_decision_and_an_audit_record() {
        call("restart_service", Map.of("service", "a", "env", "dev"), SRE);
        call("restart_service", Map.of("service", "b", "env", "dev"), SRE);

        ToolOutcome third = call("restart_service", Map.of("service", "c", "env", "dev"), SRE);

        assertThat(third.outcome()).isEqualTo(CallOutcome.RATE_LIMITED);
        assertThat(third.status()).isEqualTo(CallStatus.RATE_LIMITED);
        assertThat(third.rateLimit())
                .hasValueSatisfying(d -> assertThat(d.allowed()).isFalse());
        assertThat(restart.calls()).isEqualTo(2);
        assertThat(audit.get(2).decision()).isEqualTo(AuditDecision.DENIED);
        assertThat(audit.get(2).args()).containsEntry("outcome", "rate_limited").containsKey("retry_after_seconds");
    }

    @Test
    void should_validate_after_the_rate_limit_and_before_the_lock() {
        ToolOutcome outcome = call("restart_service", Map.of("service", 42, "env", "dev"), SRE);

        assertThat(outcome.outcome()).isEqualTo(CallOutcome.INVALID_ARGUMENTS);
        assertThat(rateChecks).hasValue(1);
        assertThat(locks.tryAcquire("restart:42", Duration.ofSeconds(1))).isPresent();
        assertThat(audit.get(0).args()).containsEntry("outcome", "invalid_arguments");
    }

    @Test
    void should_hold_the_lock_past_a_timeout_until_the_tool_body_ends() throws Exception {
        ToolOutcome first = call("restart_service", Map.of("service", "slow", "env", "dev"), SRE);

        ToolOutcome second = call("restart_service", Map.of("service", "slow", "env", "dev"), SRE);
        release.countDown();

        assertThat(first.outcome()).isEqualTo(CallOutcome.TIMEOUT);
        assertThat(second.outcome()).isEqualTo(CallOutcome.LOCKED);
        assertThat(second.error()).hasValueSatisfying(e -> assertThat(e).contains("restart:slow"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Optional<?> free = Optional.empty();
        while (free.isEmpty() && System.nanoTime() < deadline) {
            free = locks.tryAcquire("restart:slow", Duration.ofSeconds(1));
            Thread.sleep(10);
        }
        assertThat(free).as("the lock is released once the tool body ends").isPresent();
        assertThat(audit).extracting(r -> r.args().get("outcome")).containsExactly("timeout", "locked");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"webapp, ok, allowed", "broken, error, error"})
    void should_audit_the_tools_own_outcome(String service, String outcome, String decision) {
        ToolOutcome result = call("restart_service", Map.of("service", service, "env", "dev"), SRE);

        assertThat(result.outcome().wireName()).isEqualTo(outcome);
        assertThat(result.error().orElse("")).doesNotContain("secret");
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.decision().wireName()).isEqualTo(decision);
            assertThat(r.args()).containsEntry("outcome", outcome);
        });
    }

    @Test
    void should_audit_an_unknown_tool_and_the_channel_of_the_call() {
        ToolOutcome outcome =
                registry.execute(ToolCall.of("nope", Map.of(), SRE).withChannel("mcp"));

        assertThat(outcome.outcome()).isEqualTo(CallOutcome.UNKNOWN_TOOL);
        assertThat(audit.get(0).args()).containsEntry("outcome", "unknown_tool").containsEntry("channel", "mcp");
    }

    @Test
    void should_list_what_the_same_policy_allows_and_forget_unregistered_tools() {
        assertThat(registry.availableTo(VIEWER)).isEmpty();
        assertThat(registry.availableTo(SRE))
                .extracting(ToolDescriptor::name)
                .containsExactly("deploy", "restart_service");

        assertThat(registry.unregister("deploy")).isTrue();

        assertThat(registry.availableTo(SRE)).extracting(ToolDescriptor::name).containsExactly("restart_service");
        assertThat(call("deploy", Map.of(), SRE).outcome()).isEqualTo(CallOutcome.UNKNOWN_TOOL);
    }
}
