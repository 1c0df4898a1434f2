package com.astradesk.core.ratelimit;

import com.astradesk.core.policy.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a {@link RateLimitConfig} with a {@link RateLimiter}: picks the rule for a principal (the most
 * generous of its roles' rules, else the default) and names the buckets. Thread-safe when the limiter is.
 *
 * <p>Typical use in a request handler: {@code var d = policy.acquire(principal); if (!d.allowed()) throw new
 * RateLimitExceededException(d);} and, the registry's rate-limit stage ({@code ToolRateLimit}) takes per-tool tokens.
 */
public final class RateLimitPolicy {
    private final RateLimitConfig config;
    private final RateLimiter limiter;

    private RateLimitPolicy(RateLimitConfig config, RateLimiter limiter) {
        this.config = Objects.requireNonNull(config, "config");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    /** A policy applying {@code config} through {@code limiter}. */
    public static RateLimitPolicy of(RateLimitConfig config, RateLimiter limiter) {
        return new RateLimitPolicy(config, limiter);
    }

    /** The settings. */
    public RateLimitConfig config() {
        return config;
    }

    /** The rule for this principal: the most generous rule of its roles, else the default rule. */
    public RateLimitRule ruleFor(Principal principal) {
        // a loop, not a stream: this runs on every protected request (on a tie the first role's rule stays, as max
        // does)
        RateLimitRule best = null;
        for (String role : principal.roles()) {
            RateLimitRule rule = config.roleRules().get(role);
            if (rule != null && (best == null || RateLimitRule.GENEROSITY.compare(rule, best) > 0)) {
                best = rule;
            }
        }
        return best != null ? best : config.defaultRule();
    }

    /** The per-tool rule for this tool, when one is configured. */
    public Optional<RateLimitRule> toolRuleFor(String tool) {
        return Optional.ofNullable(config.toolRules().get(tool));
    }

    /** The bucket key of a principal: {@code principal:<tenant or ->:<subject>}. */
    public static String principalKey(Principal principal) {
        return "principal:" + principal.tenant().orElse("-") + ":" + principal.subject();
    }

    /** The bucket key of a principal's calls of one tool: {@code tool:<tool>:<tenant or ->:<subject>}. */
    public static String toolKey(Principal principal, String tool) {
        return "tool:" + tool + ":" + principal.tenant().orElse("-") + ":" + principal.subject();
    }

    /**
     * Takes a token from the principal's bucket.
     *
     * @throws RateLimiterUnavailableException when the shared store is down and the limiter fails closed
     */
    public RateLimitDecision acquire(Principal principal) {
        return limiter.tryAcquire(principalKey(principal), ruleFor(principal));
    }

    /**
     * Takes a token from the principal's bucket for this tool when the tool has a rule; otherwise empty (no
     * per-tool limit applies).
     *
     * @throws RateLimiterUnavailableException when the shared store is down and the limiter fails closed
     */
    public Optional<RateLimitDecision> acquireTool(Principal principal, String tool) {
        return toolRuleFor(tool).map(rule -> acquireTool(principal, tool, rule));
    }

    /**
     * Takes a token from the principal's bucket for this tool under {@code rule}.
     *
     * @throws RateLimiterUnavailableException when the shared store is down and the limiter fails closed
     */
    public RateLimitDecision acquireTool(Principal principal, String tool, RateLimitRule rule) {
        return limiter.tryAcquire(toolKey(principal, tool), rule);
    }
}
