package com.astradesk.core.store.redis.internal;

import com.astradesk.core.coordination.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Work lists as Redis lists {@code work:{agent}:{id}}; a push appends and resets the list's TTL atomically
 * (RPUSH + PEXPIRE in one script). Thread-safe.
 */
final class RedisWorkQueue implements WorkQueue {
    private static final String PUSH =
            "redis.call('RPUSH', KEYS[1], ARGV[1]); return redis.call('PEXPIRE', KEYS[1], ARGV[2])";

    private final UnifiedJedis redis;
    private final String endpoint;

    RedisWorkQueue(UnifiedJedis redis, String endpoint) {
        this.redis = redis;
        this.endpoint = endpoint;
    }

    @Override
    public void push(String agent, String id, String item, Duration ttl) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        String key = key(agent, id);
        try {
            redis.eval(PUSH, List.of(key), List.of(item, Long.toString(Math.max(1, ttl.toMillis()))));
        } catch (JedisException e) {
            throw RedisErrors.translate("pushing to " + key, endpoint, e);
        }
    }

    @Override
    public Optional<String> pop(String agent, String id) {
        String key = key(agent, id);
        try {
            return Optional.ofNullable(redis.lpop(key));
        } catch (JedisException e) {
            throw RedisErrors.translate("popping from " + key, endpoint, e);
        }
    }

    @Override
    public List<String> items(String agent, String id) {
        String key = key(agent, id);
        try {
            return List.copyOf(redis.lrange(key, 0, -1));
        } catch (JedisException e) {
            throw RedisErrors.translate("reading " + key, endpoint, e);
        }
    }

    private static String key(String agent, String id) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(id, "id");
        return "work:" + agent + ":" + id;
    }
}
