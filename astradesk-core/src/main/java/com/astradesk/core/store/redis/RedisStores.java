package com.astradesk.core.store.redis;

import com.astradesk.core.coordination.LockService;
import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.store.StoreUnavailableException;
import com.astradesk.core.store.redis.internal.DefaultRedisStores;

/**
 * The Redis-backed coordination ports over one connection pool (Jedis): locks ({@code lock:{resource}}, SET NX
 * PX, released only by the owner's token) and work lists ({@code work:{agent}:{id}} with a TTL). Thread-safe;
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

    /** Work lists in Redis. */
    WorkQueue workQueue();

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
