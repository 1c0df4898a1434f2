package com.astradesk.core.policy;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Claim-merging rules behind {@link Principal#fromClaims(Map)}. */
final class PrincipalClaims {
    private PrincipalClaims() {}

    static Principal toPrincipal(Map<String, ?> claims) {
        if (claims == null) {
            throw new IllegalArgumentException("claims must not be null");
        }
        Object sub = claims.get("sub");
        if (!(sub instanceof String subject) || subject.isBlank()) {
            throw new IllegalArgumentException("claim 'sub' is missing or blank");
        }
        Set<String> roles = new LinkedHashSet<>(Principal.listOf(claims.get("roles")));
        Set<String> groups = new LinkedHashSet<>(Principal.listOf(claims.get("groups")));
        roles.addAll(groups);
        if (claims.get("realm_access") instanceof Map<?, ?> realm) {
            roles.addAll(Principal.listOf(realm.get("roles")));
        }
        if (claims.get("resource_access") instanceof Map<?, ?> resources) {
            for (Object client : resources.values()) {
                if (client instanceof Map<?, ?> c) {
                    roles.addAll(Principal.listOf(c.get("roles")));
                }
            }
        }
        Optional<String> tenant = Optional.ofNullable(claims.get("tenant"))
                .or(() -> Optional.ofNullable(claims.get("tid")))
                .map(Object::toString)
                .filter(t -> !t.isBlank());
        return new Principal(subject, roles, groups, tenant);
    }
}
