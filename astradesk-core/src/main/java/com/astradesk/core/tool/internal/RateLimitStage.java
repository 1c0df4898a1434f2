package com.astradesk.core.tool.internal;

import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimiterUnavailableException;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.ToolRateLimit;
import java.util.Optional;

/**
 * Per-tool rate limit: takes a token from the caller's bucket for the tool. A limiter that fails closed while its
 * store is down refuses the call as an error (it did not run).
 */
final class RateLimitStage implements ToolStage {
    private final ToolRateLimit limits;

    RateLimitStage(ToolRateLimit limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return "rate_limit";
    }

    @Override
    public Verdict apply(Invocation invocation, Next next) {
        Optional<RateLimitDecision> decision;
        try {
            decision = limits.acquire(invocation.call().principal(), invocation.descriptor());
        } catch (RateLimiterUnavailableException e) {
            return Verdict.failed(
                    invocation.call(),
                    CallOutcome.ERROR,
                    "rate limits for '" + invocation.descriptor().name()
                            + "' cannot be checked right now; the call did not run");
        }
        if (decision.isEmpty()) {
            return next.proceed(invocation);
        }
        if (!decision.get().allowed()) {
            return Verdict.rateLimited(invocation.call(), decision.get());
        }
        return next.proceed(invocation).withRateLimit(decision.get());
    }
}
