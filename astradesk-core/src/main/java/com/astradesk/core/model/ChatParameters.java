package com.astradesk.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Sampling parameters; the gateway clamps each to its configured bounds. Immutable.
 *
 * @param temperature sampling temperature
 * @param topP        nucleus sampling mass
 * @param maxTokens   maximum output tokens
 */
public record ChatParameters(Optional<Double> temperature, Optional<Double> topP, Optional<Integer> maxTokens) {
    public ChatParameters {
        temperature = Objects.requireNonNullElse(temperature, Optional.empty());
        topP = Objects.requireNonNullElse(topP, Optional.empty());
        maxTokens = Objects.requireNonNullElse(maxTokens, Optional.empty());
    }

    /** No parameters: provider defaults within the gateway's bounds. */
    public static ChatParameters defaults() {
        return new ChatParameters(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
