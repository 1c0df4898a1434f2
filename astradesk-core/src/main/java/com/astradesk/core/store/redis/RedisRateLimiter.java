package com.astradesk.core.store.redis;

import com.astradesk.core.ratelimit.FailureMode;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import com.astradesk.core.ratelimit.RateLimiterUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Token buckets shared by every replica: one Redis hash {@code ratelimit:<key>} (tokens, last refill in ms)
 * updated by a single Lua script, so a take is atomic across replicas. The script reads the time from Redis
 * ({@code TIME}), so replica clocks do not matter, and sets {@code PEXPIRE} to the time the bucket needs to fill
 * up, after which an absent key means a full bucket. Runs the script with {@code EVALSHA}, falling back to
 * {@code EVAL} when the server does not know it.
 *
 * <p>When Redis fails, {@link FailureMode#OPEN} lets the request through and {@link FailureMode#CLOSED} throws
 * {@link RateLimiterUnavailableException}; either way the outage is logged once when it starts and once when
 * it ends. Thread-safe.
 */
public final class RedisRateLimiter implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    /** Key prefix of the buckets. */
    public static final String KEY_PREFIX = "ratelimit:";

    static final String SCRIPT = String.join(
            "\n",
            "local capacity = tonumber(ARGV[1])",
            "local ms_per_token = tonumber(ARGV[2])",
            "local t = redis.call('TIME')",
            "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
            "local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')",
            "local tokens = tonumber(state[1])",
            "local ts = tonumber(state[2])",
            "if tokens == nil or ts == nil then tokens = capacity; ts = now end",
            "if now > ts then",
            "  tokens = math.min(capacity, tokens + (now - ts) / ms_per_token)",
            "  ts = now",
            "end",
            "local allowed = 0",
            "local retry = 0",
            "if tokens >= 1 then",
            "  tokens = tokens - 1",
            "  allowed = 1",
            "else",
            "  retry = math.ceil((1 - tokens) * ms_per_token)",
            "end",
            "local reset = math.ceil((capacity - tokens) * ms_per_token)",
            "redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'ts', ts)",
            "redis.call('PEXPIRE', KEYS[1], math.max(1, reset))",
            "return {allowed, math.floor(tokens), retry, reset}");

    private static final Duration CLOSED_RETRY_AFTER = Duration.ofSeconds(1);

    private final UnifiedJedis redis;
    private final FailureMode failureMode;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile String sha;

    /**
     * @param redis       the client (e.g. {@code RedisClient}); shared, not closed by this limiter
     * @param failureMode what to do when Redis fails
     */
    public RedisRateLimiter(UnifiedJedis redis, FailureMode failureMode) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
    }

    @Override
    public RateLimitDecision tryAcquire(String key, RateLimitRule rule) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        List<String> keys = List.of(KEY_PREFIX + key);
        List<String> args = List.of(Long.toString(rule.capacity()), Double.toString(rule.millisPerToken()));
        Object reply;
        try {
            reply = run(keys, args);
        } catch (JedisException e) {
            return onFailure(rule, e);
        }
        if (failing.compareAndSet(true, false)) {
            LOG.info("rate limiter: Redis answers again; shared limits apply");
        }
        List<?> values = (List<?>) reply;
        boolean allowed = ((Number) values.get(0)).longValue() == 1L;
        long remaining = ((Number) values.get(1)).longValue();
        long retryMs = ((Number) values.get(2)).longValue();
        long resetMs = ((Number) values.get(3)).longValue();
        return new RateLimitDecision(
                allowed,
                rule.capacity(),
                Math.max(0, remaining),
                Duration.ofMillis(Math.max(0, resetMs)),
                Duration.ofMillis(Math.max(0, retryMs)));
    }

    /** Replaces the cached script digest (tests: simulates a server that lost its script cache). */
    void useScriptSha(String digest) {
        sha = digest;
    }

    private Object run(List<String> keys, List<String> args) {
        String current = sha;
        if (current != null) {
            try {
                return redis.evalsha(current, keys, args);
            } catch (JedisNoScriptException e) {
                LOG.debug("rate limiter script not cached on the server; loading it again");
            }
        }
        sha = redis.scriptLoad(SCRIPT);
        return redis.evalsha(sha, keys, args);
    }

    private RateLimitDecision onFailure(RateLimitRule rule, JedisException e) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn(
                    "rate limiter: Redis failed ({}); failing {} until it answers again",
                    e.getClass().getSimpleName(),
                    failureMode == FailureMode.OPEN ? "open (requests pass unmetered)" : "closed (requests refused)");
        }
        if (failureMode == FailureMode.OPEN) {
            return RateLimitDecision.unmetered(rule);
        }
        throw new RateLimiterUnavailableException("rate limiter store (Redis) is unavailable", CLOSED_RETRY_AFTER, e);
    }
}
