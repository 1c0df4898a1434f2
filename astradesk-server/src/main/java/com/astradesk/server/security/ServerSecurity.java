package com.astradesk.server.security;

import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.idempotency.Idempotency;
import com.astradesk.core.idempotency.IdempotencyStore;
import com.astradesk.core.ratelimit.RateLimitConfig;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP layer needs for traffic and safety: per-principal rate limits, idempotent runs, and the
 * approval service behind {@code /v1/approvals}. Immutable holder; the parts are thread-safe.
 *
 * @param rateLimits  the per-principal (and per-tool) limits
 * @param idempotency runs {@code POST /v1/agents/run} at most once per {@code Idempotency-Key}
 * @param approvals   the approval service, when approvals are served
 */
public record ServerSecurity(RateLimitPolicy rateLimits, Idempotency idempotency, Optional<ApprovalService> approvals) {
    /** How long a repeat waits for a first request with the same key still running before answering 409. */
    public static final Duration WAIT_FOR_IN_PROGRESS = Duration.ofSeconds(5);

    public ServerSecurity {
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(idempotency, "idempotency");
        approvals = Objects.requireNonNullElse(approvals, Optional.empty());
    }

    /**
     * In-memory, effectively unlimited (one million requests per minute), idempotency with the default TTL, no
     * approvals: the default of a server built without security settings (tests, embedding).
     */
    public static ServerSecurity permissive() {
        return new ServerSecurity(
                RateLimitPolicy.of(RateLimitConfig.of(RateLimitRule.perMinute(1_000_000)), RateLimiter.inMemory()),
                Idempotency.of(IdempotencyStore.inMemory(), IdempotencyStore.DEFAULT_TTL, WAIT_FOR_IN_PROGRESS),
                Optional.empty());
    }

    /** A copy with other rate limits. */
    public ServerSecurity withRateLimits(RateLimitPolicy policy) {
        return new ServerSecurity(policy, idempotency, approvals);
    }

    /** A copy with another idempotency runner. */
    public ServerSecurity withIdempotency(Idempotency runner) {
        return new ServerSecurity(rateLimits, runner, approvals);
    }

    /** A copy serving these approvals. */
    public ServerSecurity withApprovals(ApprovalService service) {
        return new ServerSecurity(rateLimits, idempotency, Optional.of(service));
    }
}
