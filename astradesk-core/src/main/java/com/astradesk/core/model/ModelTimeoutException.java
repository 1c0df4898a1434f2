package com.astradesk.core.model;

import java.time.Duration;
import java.util.Objects;

/** A provider did not answer within the configured time. Retriable; carries the provider and the limit. */
public class ModelTimeoutException extends ModelException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final Duration timeout;

    /**
     * @param provider the provider that timed out
     * @param timeout  the limit that was exceeded
     */
    public ModelTimeoutException(String provider, Duration timeout) {
        super("model provider '" + provider + "' did not answer within " + timeout.toMillis() + " ms");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The provider that timed out. */
    public String provider() {
        return provider;
    }

    /** The limit that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
