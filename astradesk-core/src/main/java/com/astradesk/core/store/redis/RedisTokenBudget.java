package com.astradesk.core.store.redis;

import com.astradesk.core.ratelimit.FailureMode;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.TokenBudget;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Token budgets shared by every replica: one Redis hash {@code budget:<key>} (balance, last refill in ms) updated
 * by a single Lua script, so a check or a charge is atomic across replicas. The balance refills continuously up to
 * the rule's capacity and may go below zero after a charge. The script reads the time from Redis ({@code TIME})
 * and sets {@code PEXPIRE} to the time the budget needs to fill up, after which an absent key means a full budget.
 *
 * <p>When Redis fails, {@link FailureMode#OPEN} lets the call through (and drops the charge) and
 * {@link FailureMode#CLOSED} throws {@link RateLimiterUnavailableException}; either way the outage is logged once
 * when it starts and once when it ends. Thread-safe.
 */
public final class RedisTokenBudget implements TokenBudget {
    private static final Logger LOG = LoggerFactory.getLogger(RedisTokenBudget.class);
    /** Key prefix of the budgets. */
    public static final String KEY_PREFIX = "budget:";

    static final String SCRIPT = String.join(
            "\n",
            "local capacity = tonumber(ARGV[1])",
            "local ms_per_unit = tonumber(ARGV[2])",
            "local charge = tonumber(ARGV[3])",
            "local t = redis.call('TIME')",
            "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
            "local state = redis.call('HMGET', KEYS[1], 'balance', 'ts')",
            "local balance = tonumber(state[1])",
            "local ts = tonumber(state[2])",
            "if balance == nil or ts == nil then balance = capacity; ts = now end",
            "if now > ts then",
            "  balance = math.min(capacity, balance + (now - ts) / ms_per_unit)",
            "  ts = now",
            "end",
            "balance = balance - charge",
            "local retry = 0",
            "if balance < 1 then retry = math.ceil((1 - balance) * ms_per_unit) end",
            "local reset = math.ceil((capacity - balance) * ms_per_unit)",
            "if reset > 0 then",
            "  redis.call('HSET', KEYS[1], 'balance', string.format('%.6f', balance), 'ts', ts)",
            "  redis.call('PEXPIRE', KEYS[1], reset)",
            "else",
            "  redis.call('DEL', KEYS[1])",
            "end",
            "return {math.floor(balance), retry, math.max(0, reset)}");

    private final LimiterScript script;

    /**
     * @param redis       the client (e.g. {@code RedisClient}); shared, not closed by this budget
     * @param failureMode what to do when Redis fails
     */
    public RedisTokenBudget(UnifiedJedis redis, FailureMode failureMode) {
        this.script = new LimiterScript(redis, SCRIPT, failureMode, LOG, "token budget", "calls", "shared budgets");
    }

    @Override
    public RateLimitDecision charge(String key, RateLimitRule rule, long units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative, was " + units);
        }
        return apply(key, rule, units);
    }

    private RateLimitDecision apply(String key, RateLimitRule rule, long units) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        List<String> args =
                List.of(Long.toString(rule.capacity()), Double.toString(rule.millisPerToken()), Long.toString(units));
        List<?> values;
        try {
            values = script.run(List.of(KEY_PREFIX + key), args);
        } catch (JedisException e) {
            return script.failed(rule, e);
        }
        long balance = ((Number) values.get(0)).longValue();
        long retryMs = ((Number) values.get(1)).longValue();
        long resetMs = ((Number) values.get(2)).longValue();
        return new RateLimitDecision(
                balance >= 1,
                rule.capacity(),
                Math.max(0, balance),
                Duration.ofMillis(Math.max(0, resetMs)),
                Duration.ofMillis(Math.max(0, retryMs)));
    }
}
