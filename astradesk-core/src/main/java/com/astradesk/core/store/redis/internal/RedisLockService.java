package com.astradesk.core.store.redis.internal;

import com.astradesk.core.coordination.LockHandle;
import com.astradesk.core.coordination.LockService;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Locks as Redis keys {@code lock:{resource}} set with {@code SET NX PX} to a random token; release deletes the
 * key only when it still holds that token (compare-and-delete script), so an expired holder never frees
 * someone else's lock. Thread-safe.
 */
final class RedisLockService implements LockService {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLockService.class);
    private static final String RELEASE =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private final UnifiedJedis redis;
    private final String endpoint;

    RedisLockService(UnifiedJedis redis, String endpoint) {
        this.redis = redis;
        this.endpoint = endpoint;
    }

    @Override
    public Optional<LockHandle> tryAcquire(String resource, Duration ttl) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        String key = "lock:" + resource;
        String token = UUID.randomUUID().toString();
        String reply;
        try {
            reply = redis.set(key, token, new SetParams().nx().px(Math.max(1, ttl.toMillis())));
        } catch (JedisException e) {
            throw RedisErrors.translate("acquiring lock " + resource, endpoint, e);
        }
        if (!"OK".equals(reply)) {
            return Optional.empty();
        }
        return Optional.of(new LockHandle() {
            @Override
            public String resource() {
                return resource;
            }

            @Override
            public void close() {
                try {
                    redis.eval(RELEASE, List.of(key), List.of(token));
                } catch (JedisException e) {
                    LOG.warn("could not release lock {} (it expires by itself): {}", resource, e.toString());
                }
            }
        });
    }
}
