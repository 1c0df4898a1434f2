package com.astradesk.core.tool;

import java.util.Objects;
import java.util.Set;

/**
 * Why a call was refused. Immutable.
 *
 * @param tool          the tool
 * @param requiredRoles roles that would have allowed it (any one of them)
 * @param reason        a human-readable reason, safe to show the caller
 */
public record ToolDenial(String tool, Set<String> requiredRoles, String reason) {
    public ToolDenial {
        Objects.requireNonNull(tool, "tool");
        requiredRoles = Set.copyOf(requiredRoles);
        Objects.requireNonNull(reason, "reason");
    }
}
