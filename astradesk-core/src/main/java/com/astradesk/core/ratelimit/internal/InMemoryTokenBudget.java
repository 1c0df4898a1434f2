package com.astradesk.core.ratelimit.internal;

import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.TokenBudget;
import java.time.Clock;
import java.time.Duration;

/**
 * Bucket4j buckets in one process ({@link BucketMap}): a charge is {@code consumeIgnoringRateLimits}, which may take
 * a bucket below zero. Thread-safe.
 */
public final class InMemoryTokenBudget implements TokenBudget {
    private final BucketMap buckets;

    public InMemoryTokenBudget(Clock clock) {
        this.buckets = new BucketMap(clock);
    }

    @Override
    public RateLimitDecision charge(String key, RateLimitRule rule, long units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative, was " + units);
        }
        return apply(key, rule, units);
    }

    private RateLimitDecision apply(String key, RateLimitRule rule, long units) {
        long available = buckets.apply(key, rule, b -> {
            if (units > 0) {
                b.consumeIgnoringRateLimits(units);
            }
            return b.getAvailableTokens();
        });
        return decision(rule, available);
    }

    /** The decision for a balance of {@code available} units (possibly negative) under {@code rule}. */
    static RateLimitDecision decision(RateLimitRule rule, long available) {
        double msPerUnit = rule.millisPerToken();
        long retryMs = available >= 1 ? 0 : (long) Math.ceil((1 - available) * msPerUnit);
        long resetMs = (long) Math.ceil(Math.max(0, rule.capacity() - available) * msPerUnit);
        return new RateLimitDecision(
                available >= 1,
                rule.capacity(),
                Math.max(0, available),
                Duration.ofMillis(resetMs),
                Duration.ofMillis(retryMs));
    }

    /** How many buckets are held (tests). */
    int size() {
        return buckets.size();
    }

    /** Drops buckets that have refilled completely: a fresh bucket would behave the same. */
    void sweep() {
        buckets.sweep();
    }
}
