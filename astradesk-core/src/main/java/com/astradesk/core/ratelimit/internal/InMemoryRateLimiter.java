package com.astradesk.core.ratelimit.internal;

import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bucket4j buckets in a map (embedded mode). Each take runs inside the map's per-key compute, and full
 * buckets (indistinguishable from absent ones) are swept now and then, so idle principals cost no memory.
 * Thread-safe.
 */
public final class InMemoryRateLimiter implements RateLimiter {
    private static final int SWEEP_EVERY = 4096;

    private record Key(String key, RateLimitRule rule) {}

    private final ConcurrentHashMap<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final TimeMeter time;

    public InMemoryRateLimiter(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public RateLimitDecision tryAcquire(String key, RateLimitRule rule) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        ConsumptionProbe[] probe = new ConsumptionProbe[1];
        buckets.compute(new Key(key, rule), (k, bucket) -> {
            Bucket b = bucket == null ? newBucket(rule) : bucket;
            probe[0] = b.tryConsumeAndReturnRemaining(1);
            return b;
        });
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        ConsumptionProbe p = probe[0];
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
        for (Key k : buckets.keySet()) {
            buckets.computeIfPresent(
                    k, (key, b) -> b.getAvailableTokens() >= key.rule().capacity() ? null : b);
        }
    }

    private Bucket newBucket(RateLimitRule rule) {
        return Bucket.builder()
                .addLimit(
                        limit -> limit.capacity(rule.capacity()).refillGreedy(rule.refillTokens(), rule.refillPeriod()))
                .withCustomTimePrecision(time)
                .build();
    }
}
