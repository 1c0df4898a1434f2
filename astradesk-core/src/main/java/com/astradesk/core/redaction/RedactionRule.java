package com.astradesk.core.redaction;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of sensitive text: a compiled pattern, an optional check on each match (e.g. a checksum) and the
 * name used in the marker {@code [REDACTED:<name>]}. When the pattern has a named group {@code secret}, only
 * that group is replaced (so {@code password=hunter2} becomes {@code password=[REDACTED:secret]}); otherwise
 * the whole match is. Patterns must not backtrack catastrophically: prefer possessive quantifiers and bounds.
 * Immutable and thread-safe when the predicate is.
 *
 * @param name    the marker name, {@code [a-z_]+}
 * @param pattern the compiled pattern
 * @param accept  decides whether the current match really is sensitive (e.g. Luhn); must only read the
 *                matcher (groups, positions), never move it; {@code m -> true} for none
 * @param precheck a cheap test the whole text must pass for the pattern to run at all (e.g. "contains {@code @}",
 *                 "has 11 digits"); it must be true for every text the pattern could match, so it only saves work
 */
public record RedactionRule(String name, Pattern pattern, Predicate<Matcher> accept, Predicate<String> precheck) {
    private static final Predicate<String> ALWAYS = text -> true;

    private static final Pattern NAME = Pattern.compile("[a-z_]{1,40}");

    public RedactionRule {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("rule name must match [a-z_]{1,40}, was '" + name + "'");
        }
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(accept, "accept");
        precheck = Objects.requireNonNullElse(precheck, ALWAYS);
    }

    /** A rule replacing every match of {@code regex}. */
    public static RedactionRule of(String name, String regex) {
        return new RedactionRule(name, Pattern.compile(regex), m -> true, ALWAYS);
    }

    /** A rule replacing matches of {@code regex} that {@code accept} confirms. */
    public static RedactionRule of(String name, String regex, Predicate<Matcher> accept) {
        return new RedactionRule(name, Pattern.compile(regex), accept, ALWAYS);
    }

    /** This rule, run only on text containing {@code literal}. */
    public RedactionRule withTrigger(String literal) {
        Objects.requireNonNull(literal, "literal");
        return withPrecheck(text -> text.contains(literal));
    }

    /** This rule, run only on text passing {@code test} (which must hold for any text the pattern matches). */
    public RedactionRule withPrecheck(Predicate<String> test) {
        return new RedactionRule(name, pattern, accept, Objects.requireNonNull(test, "test"));
    }

    /** Whether the pattern needs to run over {@code text} at all. */
    public boolean mayMatch(String text) {
        return precheck.test(text);
    }

    /** The replacement text: {@code [REDACTED:<name>]}. */
    public String marker() {
        return "[REDACTED:" + name + "]";
    }
}
