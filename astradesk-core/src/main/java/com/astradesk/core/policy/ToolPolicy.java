package com.astradesk.core.policy;

import com.astradesk.core.tool.ToolDescriptor;
import java.util.Map;

/**
 * Decides whether a principal may run a tool with given arguments. Consulted by the registry's invoker
 * before argument validation. Implementations must be thread-safe and fast (no I/O on the hot path).
 */
@FunctionalInterface
public interface ToolPolicy {

    /** Decides one call. */
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
}
