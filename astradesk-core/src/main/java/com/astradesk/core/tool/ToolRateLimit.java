package com.astradesk.core.tool;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.ratelimit.RateLimitRule;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The per-tool rate-limit stage of the registry's chain: takes a token from the caller's bucket for the tool
 * after policy and approval let the call through, before it runs. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ToolRateLimit {

    /** No per-tool limits. */
    ToolRateLimit NONE = (principal, tool) -> Optional.empty();

    /**
     * Takes a token for one call.
     *
     * @return the decision, or empty when no limit applies to this tool
     * @throws com.astradesk.core.ratelimit.RateLimiterUnavailableException when the shared store is down and the
     *     limiter fails closed
     */
    Optional<RateLimitDecision> acquire(Principal principal, ToolDescriptor tool);

    /**
     * Limits each tool by the rule {@code ruleFor} gives it (none: unlimited), one bucket per principal and tool
     * ({@link RateLimitPolicy#toolKey}) in {@code policy}'s limiter.
     */
    static ToolRateLimit of(RateLimitPolicy policy, Function<ToolDescriptor, Optional<RateLimitRule>> ruleFor) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(ruleFor, "ruleFor");
        return (principal, tool) -> ruleFor.apply(tool).map(rule -> policy.acquireTool(principal, tool.name(), rule));
    }

    /** Limits the tools that have a per-tool rule in {@code policy}'s configuration. */
    static ToolRateLimit of(RateLimitPolicy policy) {
        return of(policy, tool -> policy.toolRuleFor(tool.name()));
    }
}
