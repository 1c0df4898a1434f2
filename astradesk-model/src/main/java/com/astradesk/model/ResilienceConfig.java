package com.astradesk.model;

import java.time.Duration;

/**
 * Timeouts, retry and circuit-breaker settings of one provider. Provider SDK retries are always off: these
 * settings drive the gateway's single retry loop. Immutable.
 *
 * @param timeout          limit for one non-streamed provider call ({@code MODEL_TIMEOUT}, default 30 s)
 * @param streamTimeout    limit for one whole streamed call ({@code MODEL_STREAM_TIMEOUT}, default 120 s)
 * @param connectTimeout   TCP connect limit ({@code MODEL_CONNECT_TIMEOUT}, default 5 s)
 * @param maxRetries       retries after the first attempt on 429/5xx/timeouts ({@code MODEL_MAX_RETRIES}, default 2)
 * @param initialBackoff   first backoff delay ({@code MODEL_RETRY_BACKOFF}, default 500 ms)
 * @param maxBackoff       backoff cap ({@code MODEL_RETRY_MAX_BACKOFF}, default 10 s)
 * @param jitter           random spread of each backoff, 0..1 ({@code MODEL_RETRY_JITTER}, default 0.2)
 * @param maxRetryAfter    longest {@code Retry-After} the gateway waits for; longer waits fail at once with
 *                         the suggested wait ({@code MODEL_MAX_RETRY_AFTER}, default 30 s)
 * @param breakerFailures  consecutive failed attempts that open the breaker ({@code MODEL_BREAKER_FAILURES}, default 5)
 * @param breakerDelay     how long the breaker stays open before a probe ({@code MODEL_BREAKER_DELAY}, default 30 s)
 */
public record ResilienceConfig(
        Duration timeout,
        Duration streamTimeout,
        Duration connectTimeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff,
        double jitter,
        Duration maxRetryAfter,
        int breakerFailures,
        Duration breakerDelay) {

    public ResilienceConfig {
        positive("timeout", timeout);
        positive("streamTimeout", streamTimeout);
        positive("connectTimeout", connectTimeout);
        if (maxRetries < 0 || maxRetries > 10) {
            throw new ModelConfigException("maxRetries", "must be within 0..10, was " + maxRetries);
        }
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new ModelConfigException("maxBackoff", "must not be shorter than initialBackoff");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new ModelConfigException("jitter", "must be within 0..1, was " + jitter);
        }
        positive("maxRetryAfter", maxRetryAfter);
        if (breakerFailures < 1) {
            throw new ModelConfigException("breakerFailures", "must be >= 1, was " + breakerFailures);
        }
        positive("breakerDelay", breakerDelay);
    }

    /** The documented defaults. */
    public static ResilienceConfig defaults() {
        return new ResilienceConfig(
                Duration.ofSeconds(30),
                Duration.ofSeconds(120),
                Duration.ofSeconds(5),
                2,
                Duration.ofMillis(500),
                Duration.ofSeconds(10),
                0.2,
                Duration.ofSeconds(30),
                5,
                Duration.ofSeconds(30));
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ModelConfigException(name, "must be a positive duration");
        }
    }
}
