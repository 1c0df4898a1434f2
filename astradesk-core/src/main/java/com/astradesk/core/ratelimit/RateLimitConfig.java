package com.astradesk.core.ratelimit;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Rate-limit settings. Immutable; start from {@link #of(RateLimitRule)} or {@link #defaults()} and use the
 * {@code with*} copies.
 *
 * @param defaultRule the rule for principals none of whose roles has a rule of its own
 * @param roleRules   rules per role (lower-case); a principal with several gets the most generous
 *                    ({@link RateLimitRule#GENEROSITY})
 * @param toolRules   extra per-principal buckets per tool name, meant for {@code execute} tools
 * @param failureMode what a shared limiter does when its store is down
 */
public record RateLimitConfig(
        RateLimitRule defaultRule,
        Map<String, RateLimitRule> roleRules,
        Map<String, RateLimitRule> toolRules,
        FailureMode failureMode) {

    public RateLimitConfig {
        Objects.requireNonNull(defaultRule, "defaultRule");
        roleRules = normalize(roleRules, "roleRules");
        toolRules = normalize(toolRules, "toolRules");
        Objects.requireNonNull(failureMode, "failureMode");
    }

    /** A config with only a default rule, failing open. */
    public static RateLimitConfig of(RateLimitRule defaultRule) {
        return new RateLimitConfig(defaultRule, Map.of(), Map.of(), FailureMode.OPEN);
    }

    /** 60 requests per minute per principal, no role or tool rules, failing open. */
    public static RateLimitConfig defaults() {
        return of(RateLimitRule.perMinute(60));
    }

    /** A copy where principals holding {@code role} get {@code rule} (unless another of their roles is better). */
    public RateLimitConfig withRoleRule(String role, RateLimitRule rule) {
        var copy = new TreeMap<>(roleRules);
        copy.put(role, rule);
        return new RateLimitConfig(defaultRule, copy, toolRules, failureMode);
    }

    /** A copy with an extra bucket per principal for calls of {@code tool}. */
    public RateLimitConfig withToolRule(String tool, RateLimitRule rule) {
        var copy = new TreeMap<>(toolRules);
        copy.put(tool, rule);
        return new RateLimitConfig(defaultRule, roleRules, copy, failureMode);
    }

    /** A copy with another failure mode. */
    public RateLimitConfig withFailureMode(FailureMode mode) {
        return new RateLimitConfig(defaultRule, roleRules, toolRules, mode);
    }

    private static Map<String, RateLimitRule> normalize(Map<String, RateLimitRule> rules, String what) {
        if (rules == null || rules.isEmpty()) {
            return Map.of();
        }
        var out = new TreeMap<String, RateLimitRule>();
        rules.forEach((name, rule) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + " has a blank name");
            }
            out.put(name.trim().toLowerCase(Locale.ROOT), Objects.requireNonNull(rule, what + "[" + name + "]"));
        });
        return Map.copyOf(out);
    }
}
