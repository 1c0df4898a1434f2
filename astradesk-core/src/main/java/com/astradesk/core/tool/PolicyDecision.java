package com.astradesk.core.tool;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The policy's answer for one call. Immutable.
 *
 * @param allowed       whether the call may run
 * @param requiredRoles roles that would allow it, when denied
 * @param reason        why it was denied (safe to show), when denied
 */
public record PolicyDecision(boolean allowed, Set<String> requiredRoles, Optional<String> reason) {
    private static final PolicyDecision ALLOW = new PolicyDecision(true, Set.of(), Optional.empty());

    public PolicyDecision {
        requiredRoles = Set.copyOf(requiredRoles);
        reason = Objects.requireNonNullElse(reason, Optional.empty());
    }

    public static PolicyDecision allow() {
        return ALLOW;
    }

    public static PolicyDecision deny(Set<String> requiredRoles, String reason) {
        return new PolicyDecision(false, requiredRoles, Optional.of(reason));
    }
}
