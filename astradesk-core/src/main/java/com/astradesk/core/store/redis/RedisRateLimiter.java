package com.astradesk.core.store.redis;

import com.astradesk.core.ratelimit.FailureMode;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Token buckets shared by every replica: one Redis hash {@code ratelimit:<key>} (tokens, last refill in ms)
 * updated by a single Lua script, so a take is atomic across replicas. The script reads the time from Redis
 * ({@code TIME}), so replica clocks do not matter, and sets {@code PEXPIRE} to the time the bucket needs to fill
 * up, after which an absent key means a full bucket. Runs the script with {@code EVALSHA}, falling back to
 * {@code EVAL} when the server does not know it.
 *
 * <p>With a lease ({@link #RedisRateLimiter(UnifiedJedis, FailureMode, double, Duration)}), one script call takes
 * up to {@code leaseFraction × capacity} tokens at once and this replica hands them out from memory until they
 * run out or the lease expires: a busy principal costs one Redis round trip per lease instead of per request.
 * Leased tokens are taken from the shared bucket, so a limit is never exceeded; one thread per bucket renews the
 * lease while the others wait for that round trip, and tokens left when a lease expires go back to the bucket with
 * the next call, so an idle replica holds at most one lease. Rules whose lease would be a single token (e.g. 60 per
 * minute with a 1% lease) go to Redis for every request, exactly as without a lease.
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
            "tokens = math.min(capacity, tokens + (tonumber(ARGV[4]) or 0))",
            "if now > ts then",
            "  tokens = math.min(capacity, tokens + (now - ts) / ms_per_token)",
            "  ts = now",
            "end",
            "local wanted = tonumber(ARGV[3]) or 1",
            "local allowed = 0",
            "local retry = 0",
            "if tokens >= 1 then",
            "  allowed = math.min(wanted, math.floor(tokens))",
            "  tokens = tokens - allowed",
            "else",
            "  retry = math.ceil((1 - tokens) * ms_per_token)",
            "end",
            "local reset = math.ceil((capacity - tokens) * ms_per_token)",
            "redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'ts', ts)",
            "redis.call('PEXPIRE', KEYS[1], math.max(1, reset))",
            "return {allowed, math.floor(tokens), retry, reset}");

    /** Leases kept before expired ones are swept (one entry per busy bucket). */
    private static final int MAX_LEASES = 10_000;

    private final LimiterScript script;
    private final double leaseFraction;
    private final long leaseTtlNanos;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    /** Tokens this replica took from a shared bucket and hands out locally until {@code expiresAt}; guarded by itself. */
    private static final class Lease {
        long tokens;
        long expiresAt;
        long sharedRemaining;
        long resetMs;
    }

    /**
     * @param redis       the client (e.g. {@code RedisClient}); shared, not closed by this limiter
     * @param failureMode what to do when Redis fails
     */
    public RedisRateLimiter(UnifiedJedis redis, FailureMode failureMode) {
        this(redis, failureMode, 0, Duration.ZERO);
    }

    /**
     * @param redis         the client; shared, not closed by this limiter
     * @param failureMode   what to do when Redis fails
     * @param leaseFraction share of a bucket's capacity one Redis call may lease to this replica (0 = no lease, up
     *                      to 0.5)
     * @param leaseTtl      how long leased tokens stay usable (positive when leasing)
     */
    public RedisRateLimiter(UnifiedJedis redis, FailureMode failureMode, double leaseFraction, Duration leaseTtl) {
        this.script = new LimiterScript(redis, SCRIPT, failureMode, LOG, "rate limiter", "requests", "shared limits");
        if (!(leaseFraction >= 0 && leaseFraction <= 0.5)) {
            throw new IllegalArgumentException("leaseFraction must be 0..0.5, was " + leaseFraction);
        }
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        if (leaseFraction > 0 && (leaseTtl.isNegative() || leaseTtl.isZero())) {
            throw new IllegalArgumentException("leaseTtl must be positive when leasing, was " + leaseTtl);
        }
        this.leaseFraction = leaseFraction;
        this.leaseTtlNanos = leaseTtl.toNanos();
    }

    @Override
    public RateLimitDecision tryAcquire(String key, RateLimitRule rule) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        long wanted = Math.max(1, (long) Math.floor(rule.capacity() * leaseFraction));
        if (wanted == 1) {
            return take(key, rule, 1, 0, null);
        }
        Lease lease = leases.computeIfAbsent(key, k -> new Lease());
        // one thread per bucket talks to Redis when the lease runs out; the others wait for it (one round trip)
        synchronized (lease) {
            long now = System.nanoTime();
            if (lease.tokens > 0 && now - lease.expiresAt < 0) {
                lease.tokens--;
                return new RateLimitDecision(
                        true,
                        rule.capacity(),
                        Math.min(rule.capacity(), lease.sharedRemaining + lease.tokens),
                        Duration.ofMillis(lease.resetMs),
                        Duration.ZERO);
            }
            long unused = lease.tokens;
            lease.tokens = 0;
            if (leases.size() > MAX_LEASES) {
                leases.entrySet().removeIf(e -> e.getValue() != lease && now - e.getValue().expiresAt >= 0);
            }
            return take(key, rule, wanted, unused, lease);
        }
    }

    /** One script call: gives back {@code unused} leased tokens, takes up to {@code wanted}, keeps the rest leased. */
    private RateLimitDecision take(String key, RateLimitRule rule, long wanted, long unused, Lease lease) {
        List<String> keys = List.of(KEY_PREFIX + key);
        List<String> args = List.of(
                Long.toString(rule.capacity()),
                Double.toString(rule.millisPerToken()),
                Long.toString(wanted),
                Long.toString(unused));
        List<?> values;
        try {
            values = script.run(keys, args);
        } catch (JedisException e) {
            return script.failed(rule, e);
        }
        long granted = ((Number) values.get(0)).longValue();
        long remaining = ((Number) values.get(1)).longValue();
        long retryMs = ((Number) values.get(2)).longValue();
        long resetMs = ((Number) values.get(3)).longValue();
        if (lease != null && granted > 1) {
            lease.tokens = granted - 1;
            lease.expiresAt = System.nanoTime() + leaseTtlNanos;
            lease.sharedRemaining = remaining;
            lease.resetMs = resetMs;
            remaining += granted - 1;
        }
        return new RateLimitDecision(
                granted >= 1,
                rule.capacity(),
                Math.max(0, remaining),
                Duration.ofMillis(Math.max(0, resetMs)),
                Duration.ofMillis(Math.max(0, retryMs)));
    }

    /** Replaces the cached script digest (tests: simulates a server that lost its script cache). */
    void useScriptSha(String digest) {
        script.useSha(digest);
    }
}
