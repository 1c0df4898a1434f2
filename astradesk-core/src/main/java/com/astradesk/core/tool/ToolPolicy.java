package com.astradesk.core.tool;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.internal.ArgumentRulePolicy;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a principal may use a tool, and with which arguments. The registry's chain asks it once per
 * call ({@link #decideAccess}, then {@link #decideArguments}); tool listings ({@code GET /v1/tools}, the LLM
 * planner's prompt, MCP {@code tools/list}) ask {@link #decideAccess}, so a custom policy changes what is listed
 * and offered exactly as it changes what runs. Implementations must be thread-safe and fast (no I/O on the hot
 * path).
 */
public interface ToolPolicy {

    /**
     * Whether the principal may use the tool at all (whatever the arguments): what listings show and the chain's
     * first check. A denial here is audited as {@code denied_role}.
     */
    PolicyDecision decideAccess(Principal principal, ToolDescriptor tool);

    /**
     * Whether this call's arguments are allowed; asked only after {@link #decideAccess} allowed the tool. A denial
     * here is audited as {@code denied_argument}. The default allows every argument.
     */
    default PolicyDecision decideArguments(Principal principal, ToolDescriptor tool, Map<String, Object> arguments) {
        return PolicyDecision.allow();
    }

    /** The default: allowed when the tool declares no roles or the principal holds one of them. */
    static ToolPolicy roleBased() {
        return (principal, tool) -> tool.permits(principal)
                ? PolicyDecision.allow()
                : PolicyDecision.deny(
                        tool.allowedRoles(),
                        "tool '" + tool.name() + "' requires one of the roles "
                                + new java.util.TreeSet<>(tool.allowedRoles()));
    }

    /**
     * A policy that decides access with {@code base} and then applies the argument rules (after {@code base}'s
     * own argument decision): a call is denied when an argument (or its schema default, when absent) matches a
     * rule for the tool and the principal holds none of the rule's roles. The denial names the argument and the
     * required roles. Thread-safe.
     *
     * @param base  e.g. {@link #roleBased()}
     * @param rules argument rules, checked in order
     */
    static ToolPolicy withArgumentRules(ToolPolicy base, List<ArgumentRule> rules) {
        return new ArgumentRulePolicy(base, rules);
    }
}
