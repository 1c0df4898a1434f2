package com.astradesk.server.wiring;

import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.approval.ApprovalStore;
import com.astradesk.core.idempotency.Idempotency;
import com.astradesk.core.idempotency.IdempotencyStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.ratelimit.FailureMode;
import com.astradesk.core.ratelimit.RateLimitConfig;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.redis.RedisStores;
import com.astradesk.core.tool.ArgumentRule;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRateLimit;
import com.astradesk.server.config.SecurityConfig;
import com.astradesk.server.security.ArgumentRules;
import com.astradesk.server.security.ServerSecurity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the traffic and safety parts from {@link SecurityConfig}: the tool policy with argument rules, rate
 * limits and idempotency (in Redis when {@code REDIS_URL} is set, in memory otherwise) and the approval
 * service. Stateless.
 */
final class SecurityWiring {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityWiring.class);
    /** How long a crashed run keeps its idempotency key claimed. */
    private static final Duration IN_PROGRESS_LEASE = Duration.ofMinutes(5);

    private SecurityWiring() {}

    /** Role-based policy plus the configured argument rules. */
    static ToolPolicy toolPolicy(SecurityConfig config) {
        List<ArgumentRule> rules = ArgumentRules.parse(config.argumentRules());
        if (!rules.isEmpty()) {
            LOG.info("policy: {} argument rule(s)", rules.size());
        }
        return ToolPolicy.withArgumentRules(ToolPolicy.roleBased(), rules);
    }

    /** Per-principal limits by role (the request edge); {@link #toolRateLimit} adds the per-tool stage. */
    static RateLimitPolicy rateLimits(SecurityConfig config, Optional<RedisStores> redis) {
        RateLimitConfig limits = RateLimitConfig.of(RateLimitRule.perMinute(config.ratePerMinute()))
                .withFailureMode(config.failClosed() ? FailureMode.CLOSED : FailureMode.OPEN);
        for (var e : config.roleRatesPerMinute().entrySet()) {
            limits = limits.withRoleRule(e.getKey(), RateLimitRule.perMinute(e.getValue()));
        }
        RateLimiter limiter = redis.map(r ->
                        r.rateLimiter(failureMode(config), config.rateLeaseFraction(), SecurityConfig.RATE_LEASE_TTL))
                .orElseGet(RateLimiter::inMemory);
        LOG.info(
                "rate limits: {}/min per principal, roles {}, {}/min per execute tool, {} ({})",
                config.ratePerMinute(),
                config.roleRatesPerMinute(),
                config.executePerMinute(),
                redis.isPresent() ? "shared in Redis" : "in memory",
                config.failClosed() ? "fail closed" : "fail open");
        return RateLimitPolicy.of(limits, limiter);
    }

    /**
     * The registry's per-tool rate-limit stage: a bucket per principal for each {@code execute} tool (also those
     * registered later, e.g. from an MCP server), {@code RATE_LIMIT_EXECUTE_PER_MINUTE} calls per minute.
     */
    static ToolRateLimit toolRateLimit(SecurityConfig config, RateLimitPolicy limits) {
        Optional<RateLimitRule> execute = Optional.of(RateLimitRule.perMinute(config.executePerMinute()));
        return ToolRateLimit.of(limits, tool -> tool.sideEffect() == SideEffect.EXECUTE ? execute : Optional.empty());
    }

    private static FailureMode failureMode(SecurityConfig config) {
        return config.failClosed() ? FailureMode.CLOSED : FailureMode.OPEN;
    }

    /** Idempotent runs over Redis or memory. */
    static Idempotency idempotency(SecurityConfig config, Optional<RedisStores> redis) {
        IdempotencyStore store =
                redis.map(r -> r.idempotencyStore(IN_PROGRESS_LEASE)).orElseGet(IdempotencyStore::inMemory);
        return Idempotency.of(store, config.idempotencyTtl(), ServerSecurity.WAIT_FOR_IN_PROGRESS);
    }

    /**
     * The registry's step records (Redis or memory): a side-effecting step with an idempotency key acts at most once,
     * also when a queued run is taken again after its worker died.
     */
    static IdempotencyStore stepRecords(Optional<RedisStores> redis) {
        return redis.map(r -> r.idempotencyStore(IN_PROGRESS_LEASE)).orElseGet(IdempotencyStore::inMemory);
    }

    /** Which calls need approval. */
    static ApprovalPolicy approvalPolicy(SecurityConfig config) {
        if (config.approvalsAsDeclared()) {
            LOG.info("approvals required for the tools that declare approval in production");
            return ApprovalPolicy.declaredByTools();
        }
        if (!config.approvalTools().isEmpty()) {
            LOG.info("approvals required for {}", config.approvalTools());
        }
        return ApprovalPolicy.forTools(config.approvalTools());
    }

    /**
     * The approval service, the registry's approval stage: it parks the calls {@link #approvalPolicy} selects;
     * its decisions are audited through the run journal (with outbox rows). With {@code DATABASE_URL} the
     * approvals live in PostgreSQL (every replica shows and decides them), otherwise in this process's memory.
     */
    static ApprovalService approvals(
            SecurityConfig config, RunJournal journal, Optional<PostgresStores> database, Redactor redactor) {
        ApprovalStore store = database.map(PostgresStores::approvals).orElseGet(ApprovalStore::inMemory);
        if (database.isPresent()) {
            LOG.info("approvals: shared in PostgreSQL");
        } else if (config.approvalsAsDeclared() || !config.approvalTools().isEmpty()) {
            LOG.warn("approvals: in this process's memory (no DATABASE_URL): an approval requested on one replica is"
                    + " a 404 on another and none survives a restart; run one replica only, or set DATABASE_URL");
        } else {
            LOG.info("approvals: in memory (no tool needs one)");
        }
        return ApprovalService.builder()
                .withStore(store)
                .withPolicy(approvalPolicy(config))
                .withAuditSink(record -> journal.recordEvents(List.of(record)))
                .withTimeToLive(config.approvalTtl())
                .withRedactor(redactor)
                .build();
    }

    /**
     * The one redactor of the server's stored dialogues, audit records, approval results and edge denials: the stock
     * rules, keeping the role mailboxes of {@code REDACTION_ALLOWED_EMAILS}.
     */
    static Redactor redactor(SecurityConfig config) {
        return Redactor.standard(config.redaction());
    }
}
