package com.astradesk.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What one completed model call cost. Immutable.
 *
 * @param provider the provider that answered
 * @param model    the model name
 * @param tokens   tokens as the provider reported them
 * @param latency  wall time of the call, retries included
 * @param attempts provider calls made (1 without retries)
 * @param streamed whether the answer was streamed
 */
public record ModelUsage(
        String provider, String model, TokenUsage tokens, Duration latency, int attempts, boolean streamed) {
    public ModelUsage {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        tokens = Objects.requireNonNullElse(tokens, TokenUsage.NONE);
        Objects.requireNonNull(latency, "latency");
    }
}
