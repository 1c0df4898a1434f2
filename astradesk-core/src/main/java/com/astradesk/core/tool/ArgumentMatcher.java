package com.astradesk.core.tool;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tests one argument value for an {@link ArgumentRule}. Strings, numbers and booleans are compared by their
 * text; a list matches when any element does (so {@code ["dev","prod"]} cannot slip past a rule on
 * {@code prod}). {@link #equalTo} and {@link #anyOf} ignore case and surrounding blanks; {@link #regex} must
 * match the whole text. Immutable and thread-safe.
 */
public sealed interface ArgumentMatcher {

    /** Whether {@code value} (a JSON-like value, possibly null) matches. */
    boolean matches(Object value);

    /** A short description for denial messages, e.g. {@code equal to 'prod'}. */
    String describe();

    /** Matches a value equal to {@code expected} (case-insensitive). */
    static ArgumentMatcher equalTo(String expected) {
        return new OneOf(
                Set.of(normalize(Objects.requireNonNull(expected, "expected"))), "equal to '" + expected + "'");
    }

    /** Matches a value equal to any of {@code values} (case-insensitive). */
    static ArgumentMatcher anyOf(String... values) {
        return anyOf(List.of(values));
    }

    /** Matches a value equal to any of {@code values} (case-insensitive). */
    static ArgumentMatcher anyOf(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("anyOf needs at least one value");
        }
        var set = new LinkedHashSet<String>();
        values.forEach(v -> set.add(normalize(Objects.requireNonNull(v, "value"))));
        return new OneOf(Set.copyOf(set), "one of " + List.copyOf(values));
    }

    /**
     * Matches a value whose whole text matches {@code regex}.
     *
     * @throws IllegalArgumentException when the expression does not compile
     */
    static ArgumentMatcher regex(String regex) {
        try {
            return new Regex(Pattern.compile(Objects.requireNonNull(regex, "regex")));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid argument rule regex '" + regex + "': " + e.getDescription(), e);
        }
    }

    private static String normalize(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    /** Values equal (case-insensitively) to one of a set. */
    record OneOf(Set<String> values, String describe) implements ArgumentMatcher {
        @Override
        public boolean matches(Object value) {
            if (value instanceof Collection<?> c) {
                return c.stream().anyMatch(this::matches);
            }
            return isScalar(value) && values.contains(normalize(value.toString()));
        }
    }

    /** Values whose text matches a regular expression entirely. */
    record Regex(Pattern pattern) implements ArgumentMatcher {
        @Override
        public boolean matches(Object value) {
            if (value instanceof Collection<?> c) {
                return c.stream().anyMatch(this::matches);
            }
            return isScalar(value) && pattern.matcher(value.toString()).matches();
        }

        @Override
        public String describe() {
            return "matching /" + pattern.pattern() + "/";
        }
    }

    private static boolean isScalar(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean;
    }
}
