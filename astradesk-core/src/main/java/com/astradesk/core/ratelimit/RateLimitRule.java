package com.astradesk.core.ratelimit;

import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;

/**
 * One token bucket's shape: it holds at most {@code capacity} tokens and gains {@code refillTokens} every
 * {@code refillPeriod}, continuously (a token trickles in every {@code refillPeriod / refillTokens}). Each
 * request takes one token. Immutable and thread-safe.
 *
 * @param capacity     the burst size and the advertised limit (≥ 1)
 * @param refillTokens tokens added per period (≥ 1)
 * @param refillPeriod the refill period (≥ 1 ms)
 */
public record RateLimitRule(long capacity, long refillTokens, Duration refillPeriod) {

    /** Orders rules from the least to the most generous: refill rate first, then burst capacity. */
    public static final Comparator<RateLimitRule> GENEROSITY =
            Comparator.comparingDouble(RateLimitRule::tokensPerSecond).thenComparingLong(RateLimitRule::capacity);

    public RateLimitRule {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        if (refillTokens < 1) {
            throw new IllegalArgumentException("refillTokens must be >= 1, was " + refillTokens);
        }
        Objects.requireNonNull(refillPeriod, "refillPeriod");
        if (refillPeriod.toMillis() < 1) {
            throw new IllegalArgumentException("refillPeriod must be >= 1ms, was " + refillPeriod);
        }
    }

    /** {@code n} requests per minute, bursting up to {@code n}. */
    public static RateLimitRule perMinute(long n) {
        return new RateLimitRule(n, n, Duration.ofMinutes(1));
    }

    /** {@code n} requests per second, bursting up to {@code n}. */
    public static RateLimitRule perSecond(long n) {
        return new RateLimitRule(n, n, Duration.ofSeconds(1));
    }

    /** The sustained rate in tokens per second. */
    public double tokensPerSecond() {
        return refillTokens * 1000.0 / refillPeriod.toMillis();
    }

    /** How long one token takes to trickle in, in (fractional) milliseconds. */
    public double millisPerToken() {
        return (double) refillPeriod.toMillis() / refillTokens;
    }
}
