package com.astradesk.core.policy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller: subject, roles, groups and tenant. Roles and groups are lower-cased so checks
 * are case-insensitive. Immutable and thread-safe.
 *
 * @param subject the token's {@code sub}; never blank
 * @param roles   roles merged from every role-bearing claim, lower-case
 * @param groups  groups (for knowledge ACLs), lower-case, without a leading {@code /}
 * @param tenant  the tenant, when the token names one
 */
public record Principal(String subject, Set<String> roles, Set<String> groups, Optional<String> tenant) {

    public Principal {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        roles = normalize(roles);
        groups = normalize(groups);
        tenant = Objects.requireNonNullElse(tenant, Optional.empty());
    }

    /** A principal with the given roles, no groups and no tenant. */
    public static Principal of(String subject, String... roles) {
        return new Principal(subject, new LinkedHashSet<>(java.util.Arrays.asList(roles)), Set.of(), Optional.empty());
    }

    /** Whether this principal holds the role (case-insensitive). */
    public boolean hasRole(String role) {
        return roles.contains(role.toLowerCase(Locale.ROOT));
    }

    /** Whether this principal holds at least one of the roles (case-insensitive). */
    public boolean hasAnyRole(Collection<String> wanted) {
        return wanted.stream().anyMatch(this::hasRole);
    }

    /**
     * Builds a principal from verified JWT claims. Roles are the union of {@code roles}, {@code groups},
     * {@code realm_access.roles} and every {@code resource_access.<client>.roles}; each may be a string (comma
     * or space separated) or a list. Groups come from {@code groups}. The tenant is {@code tenant}, else
     * {@code tid}.
     *
     * @param claims the token's claims (as parsed JSON: maps, lists, strings)
     * @return the principal
     * @throws IllegalArgumentException when {@code sub} is missing or blank
     */
    public static Principal fromClaims(Map<String, ?> claims) {
        return PrincipalClaims.toPrincipal(claims);
    }

    private static Set<String> normalize(Set<String> values) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        var out = new LinkedHashSet<String>();
        for (String v : values) {
            if (v == null) {
                continue;
            }
            String s = v.trim().toLowerCase(Locale.ROOT);
            while (s.startsWith("/")) {
                s = s.substring(1);
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return Set.copyOf(out);
    }

    static List<String> listOf(Object value) {
        if (value instanceof String s) {
            return List.of(s.split("[,\\s]+"));
        }
        if (value instanceof Collection<?> c) {
            return c.stream().filter(Objects::nonNull).map(Object::toString).toList();
        }
        return List.of();
    }
}
