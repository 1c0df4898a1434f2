package com.astradesk.core.ratelimit;

import com.astradesk.core.AstraDeskException;
import java.time.Duration;

/**
 * Thrown by a shared limiter configured with {@link FailureMode#CLOSED} when its store cannot be reached.
 * The server maps it to 503 with {@code Retry-After}. The message names no credentials.
 */
public class RateLimiterUnavailableException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param message    what failed, safe to log
     * @param retryAfter the suggested wait
     * @param cause      the store's error
     */
    public RateLimiterUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** The suggested wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
