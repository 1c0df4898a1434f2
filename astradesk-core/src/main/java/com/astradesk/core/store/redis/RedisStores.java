package com.astradesk.core.store.redis;

import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.store.redis.internal.DefaultRedisStores;

/**
 * The Redis-backed coordination ports over one connection pool (Jedis): locks ({@code lock:{resource}}, SET NX
 * PX, released only by the owner's token) and leased work items ({@code work:{agent}:{id}} with a TTL). Thread-safe;
 * close it to release the pool.
 */
public interface RedisStores extends AutoCloseable {

    /** The store's name in errors and readiness reports. */
    String NAME = "redis";

    /**
     * Creates the pool and checks the server answers.
     *
     * @throws StoreUnavailableException when Redis does not answer {@code PING} within the timeout
     */
    static RedisStores open(RedisConfig config) {
        return DefaultRedisStores.open(config);
    }

    /** Locks in Redis. */
    LockService lockService();

    /** Work items in Redis under the namespace {@code work} ({@code work:{agent}:{id}}). */
    WorkQueue workQueue();

    /**
     * Work items in Redis under another namespace ({@code {namespace}:{agent}:{id}}), so separate deployments or
     * tests sharing one Redis never take each other's work.
     *
     * @throws IllegalArgumentException when {@code namespace} is blank
     */
    WorkQueue workQueue(String namespace);

    /**
     * Token buckets in Redis, shared by every replica ({@link RedisRateLimiter}) over this pool.
     *
     * @param failureMode what the limiter does when Redis fails
     * @throws UnsupportedOperationException when this implementation has no shared limiter
     */
    default com.astradesk.core.ratelimit.RateLimiter rateLimiter(com.astradesk.core.ratelimit.FailureMode failureMode) {
        throw new UnsupportedOperationException(getClass().getName() + " has no rate limiter");
    }

    /**
     * Token buckets in Redis, leasing up to {@code leaseFraction} of a bucket to this replica per Redis call (see
     * {@link RedisRateLimiter}: one round trip per lease instead of per request; limits are never exceeded).
     *
     * @param failureMode   what the limiter does when Redis fails
     * @param leaseFraction 0 (no lease) to 0.5
     * @param leaseTtl      how long leased tokens stay usable
     */
    default com.astradesk.core.ratelimit.RateLimiter rateLimiter(
            com.astradesk.core.ratelimit.FailureMode failureMode, double leaseFraction, java.time.Duration leaseTtl) {
        return rateLimiter(failureMode);
    }

    /**
     * Token budgets in Redis, shared by every replica ({@link RedisTokenBudget}) over this pool.
     *
     * @param failureMode what the budget does when Redis fails
     * @throws UnsupportedOperationException when this implementation has no shared budget
     */
    default com.astradesk.core.ratelimit.TokenBudget tokenBudget(com.astradesk.core.ratelimit.FailureMode failureMode) {
        throw new UnsupportedOperationException(getClass().getName() + " has no token budget");
    }

    /**
     * Idempotency records in Redis, shared by every replica ({@link RedisIdempotencyStore}) over this pool.
     *
     * @param inProgressLease how long a started key stays claimed without completion
     * @throws UnsupportedOperationException when this implementation has no idempotency store
     */
    default com.astradesk.core.idempotency.IdempotencyStore idempotencyStore(java.time.Duration inProgressLease) {
        throw new UnsupportedOperationException(getClass().getName() + " has no idempotency store");
    }

    /**
     * Checks Redis answers {@code PING}; for readiness probes.
     *
     * @throws StoreUnavailableException naming {@value #NAME} when it does not
     */
    void ping();

    /** Closes the pool. Idempotent. */
    @Override
    void close();
}
