package com.astradesk.core.store.redis;

import com.astradesk.core.ratelimit.FailureMode;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiterUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * How a Redis-backed limiter ({@link RedisRateLimiter}, {@link RedisTokenBudget}) talks to Redis: it runs its Lua
 * script by SHA-1, loading it again when the server lost its script cache, and when Redis fails it lets calls through
 * unmetered ({@link FailureMode#OPEN}) or refuses them ({@link FailureMode#CLOSED}), logging each change of state
 * once. Thread-safe.
 */
final class LimiterScript {
    private static final Duration CLOSED_RETRY_AFTER = Duration.ofSeconds(1);

    private final UnifiedJedis redis;
    private final String script;
    private final FailureMode failureMode;
    private final Logger log;
    private final String name;
    private final String calls;
    private final String applies;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile String sha;

    /**
     * @param name    the limiter in log lines, e.g. {@code rate limiter}
     * @param calls   what it meters, e.g. {@code requests}
     * @param applies what applies again when Redis answers, e.g. {@code shared limits}
     */
    LimiterScript(
            UnifiedJedis redis,
            String script,
            FailureMode failureMode,
            Logger log,
            String name,
            String calls,
            String applies) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.script = Objects.requireNonNull(script, "script");
        this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
        this.log = Objects.requireNonNull(log, "log");
        this.name = Objects.requireNonNull(name, "name");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.applies = Objects.requireNonNull(applies, "applies");
    }

    /**
     * The script's reply (Redis answering again is logged once).
     *
     * @throws JedisException when Redis fails: hand it to {@link #failed}
     */
    List<?> run(List<String> keys, List<String> args) {
        List<?> reply = (List<?>) eval(keys, args);
        if (failing.compareAndSet(true, false)) {
            log.info("{}: Redis answers again; {} apply", name, applies);
        }
        return reply;
    }

    /**
     * The decision while Redis fails: unmetered when failing open.
     *
     * @throws RateLimiterUnavailableException when failing closed
     */
    RateLimitDecision failed(RateLimitRule rule, JedisException e) {
        if (failing.compareAndSet(false, true)) {
            log.warn(
                    "{}: Redis failed ({}); failing {} until it answers again",
                    name,
                    e.getClass().getSimpleName(),
                    failureMode == FailureMode.OPEN
                            ? "open (" + calls + " pass unmetered)"
                            : "closed (" + calls + " refused)");
        }
        if (failureMode == FailureMode.OPEN) {
            return RateLimitDecision.unmetered(rule);
        }
        throw new RateLimiterUnavailableException(name + " store (Redis) is unavailable", CLOSED_RETRY_AFTER, e);
    }

    /** Replaces the cached script digest (tests: a server that lost its script cache). */
    void useSha(String digest) {
        sha = digest;
    }

    private Object eval(List<String> keys, List<String> args) {
        String current = sha;
        if (current != null) {
            try {
                return redis.evalsha(current, keys, args);
            } catch (JedisNoScriptException e) {
                log.debug("{} script not cached on the server; loading it again", name);
            }
        }
        sha = redis.scriptLoad(script);
        return redis.evalsha(sha, keys, args);
    }
}
