package com.astradesk.core.ratelimit;

import com.astradesk.core.ratelimit.internal.InMemoryRateLimiter;
import java.time.Clock;

/**
 * Token buckets keyed by an opaque string (a principal, or a principal and a tool). The in-memory limiter
 * serves the embedded mode; {@code com.astradesk.core.store.redis.RedisRateLimiter} shares buckets across
 * replicas. Implementations are thread-safe and take a token atomically: concurrent callers never get more
 * than the rule allows.
 */
public interface RateLimiter {

    /**
     * Takes one token from the bucket {@code key}, creating it full under {@code rule} when absent.
     *
     * @param key  the bucket, e.g. {@link RateLimitPolicy#principalKey}; not blank
     * @param rule the bucket's shape; a key should always be used with the same rule
     * @return whether the request may proceed, with the numbers for the rate-limit headers
     * @throws RateLimiterUnavailableException when a shared store is down and the limiter fails closed
     */
    RateLimitDecision tryAcquire(String key, RateLimitRule rule);

    /** Buckets in this process's memory (embedded mode), on the system clock. */
    static RateLimiter inMemory() {
        return new InMemoryRateLimiter(Clock.systemUTC());
    }

    /** Buckets in this process's memory, refilled by {@code clock} (tests). */
    static RateLimiter inMemory(Clock clock) {
        return new InMemoryRateLimiter(clock);
    }
}
