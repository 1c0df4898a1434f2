package com.astradesk.core.store.redis;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.idempotency.IdempotencyOutcome;
import com.astradesk.core.idempotency.IdempotencyStore;
import com.astradesk.core.idempotency.StoredResponse;
import com.astradesk.core.idempotency.internal.Checks;
import com.astradesk.core.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Idempotency records shared by every replica, as JSON strings under {@code idempotency:<scope>}.
 * {@code begin} claims a key with {@code SET NX PX} (an in-progress marker holding the request hash, living for
 * the in-progress lease); {@code complete} swaps the marker for the stored response with the record's TTL, and
 * {@code abandon} deletes it, each in one Lua script so only an in-progress marker is touched. Redis errors throw
 * {@link AstraDeskException} (the request cannot be made safe, so it must not run). Thread-safe.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {
    /** Key prefix of the records. */
    public static final String KEY_PREFIX = "idempotency:";

    private static final String COMPLETE = String.join(
            "\n",
            "local v = redis.call('GET', KEYS[1])",
            "if not v then return 0 end",
            "local rec = cjson.decode(v)",
            "if rec.state ~= 'in_progress' then return 0 end",
            "rec.state = 'completed'",
            "rec.status = tonumber(ARGV[1])",
            "rec.body = ARGV[2]",
            "redis.call('SET', KEYS[1], cjson.encode(rec), 'PX', rec.ttl_ms)",
            "return 1");
    private static final String ABANDON = String.join(
            "\n",
            "local v = redis.call('GET', KEYS[1])",
            "if not v then return 0 end",
            "if cjson.decode(v).state ~= 'in_progress' then return 0 end",
            "return redis.call('DEL', KEYS[1])");
    private static final int MAX_ATTEMPTS = 5;

    private final UnifiedJedis redis;
    private final Duration lease;

    /**
     * @param redis           the client (e.g. {@code RedisClient}); shared, not closed by this store
     * @param inProgressLease how long a started key stays claimed without completion (a crashed run frees its key
     *                        after this)
     */
    public RedisIdempotencyStore(UnifiedJedis redis, Duration inProgressLease) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.lease = Checks.positive(inProgressLease, "inProgressLease");
    }

    @Override
    public IdempotencyOutcome begin(String scopeKey, String requestHash, Duration ttl) {
        Checks.notBlank(scopeKey, "scopeKey");
        Checks.notBlank(requestHash, "requestHash");
        Checks.positive(ttl, "ttl");
        String key = KEY_PREFIX + scopeKey;
        var marker = new LinkedHashMap<String, Object>();
        marker.put("state", "in_progress");
        marker.put("hash", requestHash);
        marker.put("ttl_ms", ttl.toMillis());
        String markerJson = Json.write(marker);
        long leaseMs = Math.max(1, Math.min(lease.toMillis(), ttl.toMillis()));
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                if ("OK".equals(redis.set(key, markerJson, new SetParams().nx().px(leaseMs)))) {
                    return new IdempotencyOutcome.Started();
                }
                String existing = redis.get(key);
                if (existing != null) {
                    return outcomeOf(Json.readObject(existing), requestHash);
                }
            }
        } catch (JedisException e) {
            throw new AstraDeskException("idempotency store (Redis) failed during begin", e);
        }
        throw new AstraDeskException("idempotency key kept changing during begin; try again");
    }

    @Override
    public void complete(String scopeKey, StoredResponse response) {
        Checks.notBlank(scopeKey, "scopeKey");
        Objects.requireNonNull(response, "response");
        try {
            redis.eval(
                    COMPLETE,
                    List.of(KEY_PREFIX + scopeKey),
                    List.of(Integer.toString(response.status()), response.body()));
        } catch (JedisException e) {
            throw new AstraDeskException("idempotency store (Redis) failed during complete", e);
        }
    }

    @Override
    public void abandon(String scopeKey) {
        Checks.notBlank(scopeKey, "scopeKey");
        try {
            redis.eval(ABANDON, List.of(KEY_PREFIX + scopeKey), List.of());
        } catch (JedisException e) {
            throw new AstraDeskException("idempotency store (Redis) failed during abandon", e);
        }
    }

    private static IdempotencyOutcome outcomeOf(Map<String, Object> record, String requestHash) {
        if (!requestHash.equals(record.get("hash"))) {
            return new IdempotencyOutcome.Mismatch();
        }
        if (!"completed".equals(record.get("state"))) {
            return new IdempotencyOutcome.InProgress();
        }
        int status = ((Number) record.get("status")).intValue();
        Object body = record.get("body");
        return new IdempotencyOutcome.Replay(new StoredResponse(status, body == null ? "" : body.toString()));
    }
}
