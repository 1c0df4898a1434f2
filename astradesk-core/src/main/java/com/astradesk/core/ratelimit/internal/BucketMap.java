package com.astradesk.core.ratelimit.internal;

import com.astradesk.core.ratelimit.RateLimitRule;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Bucket4j buckets by (key, rule) in one process, shared by the in-memory rate limiter and token budget. Buckets are
 * lock-free (compare-and-set), and an operation runs on its bucket outside any map lock: one principal's requests on
 * many threads never queue behind a monitor (on a busy machine a monitor's waiters each wait for a time slice, and
 * a hot key turned into a convoy). Full buckets (indistinguishable from absent ones) are swept every {@value
 * #SWEEP_EVERY} operations, so idle keys cost no memory; a bucket swept while an operation was on it is put back
 * when its key is still free, so that operation is not lost. Thread-safe.
 */
final class BucketMap {
    static final int SWEEP_EVERY = 4096;

    private record Key(String key, RateLimitRule rule) {}

    private final ConcurrentHashMap<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final TimeMeter time;

    BucketMap(Clock clock) {
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

    /**
     * Runs {@code operation} on the bucket of {@code key} under {@code rule} (created full when absent).
     *
     * @throws NullPointerException     when {@code key} or {@code rule} is null
     * @throws IllegalArgumentException when {@code key} is blank
     */
    <T> T apply(String key, RateLimitRule rule, Function<Bucket, T> operation) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        Key k = new Key(key, rule);
        Bucket bucket = buckets.get(k);
        if (bucket == null) {
            bucket = buckets.computeIfAbsent(k, x -> newBucket(rule));
        }
        T result = operation.apply(bucket);
        if (buckets.get(k) != bucket) {
            buckets.putIfAbsent(k, bucket); // swept meanwhile
        }
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        return result;
    }

    /** How many buckets are held. */
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
