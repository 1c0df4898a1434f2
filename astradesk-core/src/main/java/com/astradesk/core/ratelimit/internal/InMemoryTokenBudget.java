package com.astradesk.core.ratelimit.internal;

import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.TokenBudget;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bucket4j buckets in a map (one process): a charge is {@code consumeIgnoringRateLimits}, which may take a bucket
 * below zero. Full buckets (indistinguishable from absent ones) are swept now and then. Thread-safe.
 */
public final class InMemoryTokenBudget implements TokenBudget {
    private static final int SWEEP_EVERY = 4096;

    private record Key(String key, RateLimitRule rule) {}

    private final ConcurrentHashMap<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final TimeMeter time;

    public InMemoryTokenBudget(Clock clock) {
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
    public RateLimitDecision check(String key, RateLimitRule rule) {
        return apply(key, rule, 0);
    }

    @Override
    public RateLimitDecision charge(String key, RateLimitRule rule, long units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative, was " + units);
        }
        return apply(key, rule, units);
    }

    private RateLimitDecision apply(String key, RateLimitRule rule, long units) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        long[] available = new long[1];
        buckets.compute(new Key(key, rule), (k, bucket) -> {
            Bucket b = bucket == null ? newBucket(rule) : bucket;
            if (units > 0) {
                b.consumeIgnoringRateLimits(units);
            }
            available[0] = b.getAvailableTokens();
            return b;
        });
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        return decision(rule, available[0]);
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
