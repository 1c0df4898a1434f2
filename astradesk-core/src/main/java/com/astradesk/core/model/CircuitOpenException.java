package com.astradesk.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The provider's circuit breaker is open after repeated failures: the call was refused without contacting the
 * provider. Carries the time until the breaker lets a probe call through.
 */
public class CircuitOpenException extends ModelException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final Duration remaining;

    /**
     * @param provider  the provider whose breaker is open
     * @param remaining time until a probe call is allowed ({@link Duration#ZERO} when unknown)
     */
    public CircuitOpenException(String provider, Duration remaining) {
        super("model provider '" + provider + "' is unavailable (circuit open; retry in about "
                + Objects.requireNonNull(remaining, "remaining").toMillis() + " ms)");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.remaining = remaining;
    }

    /** The provider whose breaker is open. */
    public String provider() {
        return provider;
    }

    /** Time until the breaker lets a probe call through. */
    public Duration remaining() {
        return remaining;
    }
}
