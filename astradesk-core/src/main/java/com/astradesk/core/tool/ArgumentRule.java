package com.astradesk.core.tool;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An argument-level policy rule: a call of {@code tool} whose argument {@code argument} matches {@code matcher}
 * is allowed only to principals holding one of {@code requiredRoles} (on top of the tool's own roles). E.g.
 * {@code new ArgumentRule("restart_service", "env", ArgumentMatcher.equalTo("prod"), Set.of("sre.prod"))}.
 * When the argument is absent, its schema default (if any) is what is matched; an absent argument without a
 * schema default is covered by the rule (fail closed), so {@code restart_service.env=prod:sre.prod} also requires
 * {@code sre.prod} for a restart that names no environment. Immutable and thread-safe.
 *
 * @param tool          the tool's wire name
 * @param argument      the top-level argument name
 * @param matcher       which values the rule covers
 * @param requiredRoles roles allowed to pass such values (any one of them), lower-cased; not empty
 */
public record ArgumentRule(String tool, String argument, ArgumentMatcher matcher, Set<String> requiredRoles) {

    public ArgumentRule {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(argument, "argument");
        if (tool.isBlank() || argument.isBlank()) {
            throw new IllegalArgumentException("tool and argument must not be blank");
        }
        Objects.requireNonNull(matcher, "matcher");
        Objects.requireNonNull(requiredRoles, "requiredRoles");
        var roles = new TreeSet<String>();
        requiredRoles.forEach(r -> roles.add(r.trim().toLowerCase(Locale.ROOT)));
        roles.remove("");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("argument rule on " + tool + "." + argument + " needs required roles");
        }
        requiredRoles = Set.copyOf(roles);
    }

    /** A rule with the roles given as varargs. */
    public static ArgumentRule of(String tool, String argument, ArgumentMatcher matcher, String... requiredRoles) {
        return new ArgumentRule(tool, argument, matcher, Set.of(requiredRoles));
    }

    /** The denial reason this rule gives, naming the argument and the roles; safe to show the caller. */
    public String denialReason() {
        return "argument '" + argument + "' of tool '" + tool + "' " + matcher.describe()
                + " requires one of the roles " + new TreeSet<>(requiredRoles);
    }
}
