package com.astradesk.core.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one {@link RateLimiter#tryAcquire} call. Immutable and thread-safe.
 *
 * @param allowed    whether a token was taken and the request may proceed
 * @param limit      the bucket's capacity (the advertised limit)
 * @param remaining  tokens left after this call (≥ 0)
 * @param resetAfter how long until the bucket is full again
 * @param retryAfter how long until the next token; zero when {@code allowed}
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, Duration resetAfter, Duration retryAfter) {

    public RateLimitDecision {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        if (remaining < 0) {
            throw new IllegalArgumentException("remaining must be >= 0, was " + remaining);
        }
        Objects.requireNonNull(resetAfter, "resetAfter");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (resetAfter.isNegative() || retryAfter.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (allowed) {
            retryAfter = Duration.ZERO;
        }
    }

    /** An allowed decision that reports a full bucket; used when a limiter fails open. */
    public static RateLimitDecision unmetered(RateLimitRule rule) {
        return new RateLimitDecision(true, rule.capacity(), rule.capacity(), Duration.ZERO, Duration.ZERO);
    }

    /** {@link #retryAfter} in whole seconds, rounded up; at least 1 when denied ({@code Retry-After}). */
    public long retryAfterSeconds() {
        return allowed ? 0 : Math.max(1, ceilSeconds(retryAfter));
    }

    /** {@link #resetAfter} in whole seconds, rounded up ({@code RateLimit-Reset}). */
    public long resetSeconds() {
        return ceilSeconds(resetAfter);
    }

    /**
     * The response headers this decision calls for: {@code RateLimit-Limit}, {@code RateLimit-Remaining},
     * {@code RateLimit-Reset} and, when denied, {@code Retry-After} (seconds). In that order.
     */
    public Map<String, String> headers() {
        var headers = new LinkedHashMap<String, String>();
        headers.put("RateLimit-Limit", Long.toString(limit));
        headers.put("RateLimit-Remaining", Long.toString(remaining));
        headers.put("RateLimit-Reset", Long.toString(resetSeconds()));
        if (!allowed) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds()));
        }
        return java.util.Collections.unmodifiableMap(headers);
    }

    private static long ceilSeconds(Duration d) {
        long millis = d.toMillis();
        return (millis + 999) / 1000;
    }
}
