package com.astradesk.core.plan.keyword;

import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link ArgumentExtractor} found: a value, nothing (omit the argument), or a question for the user
 * because a required argument is missing. Immutable.
 *
 * @param value         the argument value, when found
 * @param clarification a question in the query's language, when the argument is required and missing
 */
public record Extraction(Optional<Object> value, Optional<String> clarification) {
    private static final Extraction OMIT = new Extraction(Optional.empty(), Optional.empty());

    /**
     * Checks that at most one of value and clarification is present.
     *
     * @throws IllegalArgumentException when both are present
     */
    public Extraction {
        value = Objects.requireNonNullElse(value, Optional.empty());
        clarification = Objects.requireNonNullElse(clarification, Optional.empty());
        if (value.isPresent() && clarification.isPresent()) {
            throw new IllegalArgumentException("an extraction is either a value or a clarification, not both");
        }
    }

    /**
     * A found value.
     *
     * @throws NullPointerException when {@code value} is null
     */
    public static Extraction of(Object value) {
        return new Extraction(Optional.of(Objects.requireNonNull(value, "value")), Optional.empty());
    }

    /** Leave the argument out; the tool's schema default applies. */
    public static Extraction omit() {
        return OMIT;
    }

    /**
     * Ask the user; the rule's step is not planned.
     *
     * @throws IllegalArgumentException when the question is blank
     */
    public static Extraction clarify(String question) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question must not be blank");
        }
        return new Extraction(Optional.empty(), Optional.of(question));
    }
}
