package com.astradesk.core.guardrail;

import java.util.Objects;

/**
 * The typed outcome of one guardrail check: {@link Pass}, {@link Truncate} (output only: keep a prefix and
 * stop) or {@link Failure} naming the rule. Immutable.
 */
public sealed interface GuardrailResult
        permits GuardrailResult.Pass, GuardrailResult.Truncate, GuardrailResult.Failure {

    /** The text is acceptable. */
    static GuardrailResult pass() {
        return Pass.INSTANCE;
    }

    /**
     * Keep only the first {@code length} characters and stop (a streamed answer ends there). Input guardrails
     * must not truncate; the gateway treats it as a failure.
     */
    static GuardrailResult truncate(String rule, int length) {
        return new Truncate(rule, length);
    }

    /** The text is refused by {@code rule} for the given reason. */
    static GuardrailResult failure(String rule, String message) {
        return new Failure(rule, message);
    }

    /** Whether the text passed unchanged. */
    default boolean passed() {
        return this instanceof Pass;
    }

    /** The text is acceptable. */
    final class Pass implements GuardrailResult {
        private static final Pass INSTANCE = new Pass();

        private Pass() {}

        @Override
        public String toString() {
            return "Pass";
        }
    }

    /**
     * Keep a prefix of the output and stop.
     *
     * @param rule   the rule that cut the output
     * @param length characters to keep (≥ 0)
     */
    record Truncate(String rule, int length) implements GuardrailResult {
        public Truncate {
            Objects.requireNonNull(rule, "rule");
            if (length < 0) {
                throw new IllegalArgumentException("length must be >= 0, was " + length);
            }
        }
    }

    /**
     * The text is refused.
     *
     * @param rule    the rule that failed, {@code lower_snake_case}
     * @param message why, without echoing the offending text
     */
    record Failure(String rule, String message) implements GuardrailResult {
        public Failure {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
        }
    }
}
