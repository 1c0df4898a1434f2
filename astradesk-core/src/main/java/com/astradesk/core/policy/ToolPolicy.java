package com.astradesk.core.policy;

import com.astradesk.core.policy.internal.ArgumentRulePolicy;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a principal may run a tool with given arguments. Consulted by the registry's invoker
 * before argument validation. Implementations must be thread-safe and fast (no I/O on the hot path).
 */
@FunctionalInterface
public interface ToolPolicy {

    /**
     * Decides one call. The registry calls this before every execution (the one place that decides). Planners
     * may call it too, with a planned step's arguments, to drop or flag steps the caller may not run before
     * anything executes; a denial there is advisory, the registry checks again.
     */
    PolicyDecision decide(Principal principal, ToolDescriptor tool, Map<String, Object> arguments);

    /** The default: allowed when the tool declares no roles or the principal holds one of them. */
    static ToolPolicy roleBased() {
        return (principal, tool, arguments) -> tool.permits(principal)
                ? PolicyDecision.allow()
                : PolicyDecision.deny(
                        tool.allowedRoles(),
                        "tool '" + tool.name() + "' requires one of the roles "
                                + new java.util.TreeSet<>(tool.allowedRoles()));
    }

    /**
     * A policy that applies {@code base} first and then the argument rules: a call allowed by {@code base} is
     * denied when an argument matches a rule for the tool and the principal holds none of the rule's roles.
     * The denial names the argument and the required roles. Thread-safe.
     *
     * @param base  e.g. {@link #roleBased()}
     * @param rules argument rules, checked in order
     */
    static ToolPolicy withArgumentRules(ToolPolicy base, List<ArgumentRule> rules) {
        return new ArgumentRulePolicy(base, rules);
    }
}
