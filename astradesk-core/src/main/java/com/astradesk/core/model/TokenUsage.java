package com.astradesk.core.model;

/**
 * Tokens a call consumed, as the provider reported them. Immutable.
 *
 * @param inputTokens  prompt tokens
 * @param outputTokens completion tokens
 */
public record TokenUsage(int inputTokens, int outputTokens) {
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    /** Input plus output. */
    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
