package com.astradesk.core.ratelimit.internal;

import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;

/**
 * Bucket4j buckets in one process ({@link BucketMap}, embedded mode): each take is one lock-free {@code
 * tryConsumeAndReturnRemaining(1)}; idle principals cost no memory. Thread-safe.
 */
public final class InMemoryRateLimiter implements RateLimiter {
    private final BucketMap buckets;

    public InMemoryRateLimiter(Clock clock) {
        this.buckets = new BucketMap(clock);
    }

    @Override
    public RateLimitDecision tryAcquire(String key, RateLimitRule rule) {
        ConsumptionProbe p = buckets.apply(key, rule, b -> b.tryConsumeAndReturnRemaining(1));
        return new RateLimitDecision(
                p.isConsumed(),
                rule.capacity(),
                Math.max(0, p.getRemainingTokens()),
                Duration.ofNanos(Math.max(0, p.getNanosToWaitForReset())),
                Duration.ofNanos(Math.max(0, p.getNanosToWaitForRefill())));
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
