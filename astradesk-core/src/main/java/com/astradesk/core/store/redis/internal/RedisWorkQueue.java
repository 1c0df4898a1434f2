package com.astradesk.core.store.redis.internal;

import com.astradesk.core.coordination.WorkItem;
import com.astradesk.core.coordination.WorkLease;
import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.coordination.WorkState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Work items in Redis: a hash {@code {ns}:{agent}:{id}} (payload, state, attempts, lease token, result) and an index
 * {@code {ns}-run:{id}} naming its agent, both with the item's TTL; a list {@code {ns}-ready} of queued ids and a
 * sorted set {@code {ns}-leases} of running ids scored by their lease deadline. Every transition is one Lua script
 * that checks the state (and the lease token) first, timed by the Redis server's clock, so two workers never take
 * the same item under a live lease. The namespace defaults to {@code work}. Thread-safe.
 */
final class RedisWorkQueue implements WorkQueue {
    private static final String SUBMIT = "if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end "
            + "redis.call('DEL', KEYS[1]) "
            + "redis.call('HSET', KEYS[1], 'agent', ARGV[1], 'id', ARGV[2], 'payload', ARGV[3], 'state', 'queued',"
            + " 'attempts', 0) "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[4]) "
            + "redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[4]) "
            + "redis.call('RPUSH', KEYS[3], ARGV[2]) "
            + "return 1";
    private static final String NOW =
            "local t = redis.call('TIME') " + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) ";
    private static final String TAKE = NOW
            + "for i = 1, 100 do "
            + "  local id "
            + "  local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1) "
            + "  local redelivery = #expired > 0 "
            + "  if redelivery then id = expired[1]; redis.call('ZREM', KEYS[2], id) "
            + "  else id = redis.call('LPOP', KEYS[1]) end "
            + "  if not id then return false end "
            + "  local agent = redis.call('GET', ARGV[1] .. '-run:' .. id) "
            + "  if agent then "
            + "    local item = ARGV[1] .. ':' .. agent .. ':' .. id "
            + "    local state = redis.call('HGET', item, 'state') "
            + "    local attempts = tonumber(redis.call('HGET', item, 'attempts') or '0') "
            + "    if (redelivery and state == 'running') or ((not redelivery) and state == 'queued') then "
            + "      if redelivery and attempts >= tonumber(ARGV[4]) then "
            + "        redis.call('HSET', item, 'state', 'failed') "
            + "        redis.call('HDEL', item, 'token') "
            + "      else "
            + "        attempts = attempts + 1 "
            + "        redis.call('HSET', item, 'state', 'running', 'attempts', attempts, 'token', ARGV[3]) "
            + "        redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), id) "
            + "        return {agent, id, redis.call('HGET', item, 'payload'), tostring(attempts)} "
            + "      end "
            + "    end "
            + "  end "
            + "end "
            + "return false";
    private static final String HELD = "if redis.call('HGET', KEYS[1], 'state') ~= 'running'"
            + " or redis.call('HGET', KEYS[1], 'token') ~= ARGV[2] then return 0 end ";
    private static final String RENEW =
            HELD + NOW + "redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[1]) return 1";
    private static final String FINISH = HELD
            + "redis.call('HSET', KEYS[1], 'state', ARGV[3], 'result', ARGV[4]) "
            + "redis.call('HDEL', KEYS[1], 'token') "
            + "redis.call('ZREM', KEYS[2], ARGV[1]) "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[5]) "
            + "redis.call('PEXPIRE', KEYS[3], ARGV[5]) "
            + "return 1";

    private final UnifiedJedis redis;
    private final String endpoint;
    private final String ns;

    RedisWorkQueue(UnifiedJedis redis, String endpoint, String namespace) {
        this.redis = redis;
        this.endpoint = endpoint;
        this.ns = Objects.requireNonNull(namespace, "namespace");
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank");
        }
    }

    @Override
    public boolean submit(String agent, String id, String payload, Duration ttl) {
        Objects.requireNonNull(payload, "payload");
        try {
            Object r = redis.eval(
                    SUBMIT,
                    List.of(item(agent, id), index(id), ns + "-ready"),
                    List.of(agent, id, payload, millis(ttl, "ttl")));
            return Long.valueOf(1).equals(r);
        } catch (JedisException e) {
            throw RedisErrors.translate("queueing " + item(agent, id), endpoint, e);
        }
    }

    @Override
    public Optional<WorkLease> take(Duration lease, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        String token = UUID.randomUUID().toString();
        try {
            Object r = redis.eval(
                    TAKE,
                    List.of(ns + "-ready", ns + "-leases"),
                    List.of(ns, millis(lease, "lease"), token, Integer.toString(maxAttempts)));
            if (!(r instanceof List<?> taken) || taken.size() < 4) {
                return Optional.empty();
            }
            return Optional.of(new WorkLease(
                    text(taken.get(0)),
                    text(taken.get(1)),
                    text(taken.get(2)),
                    token,
                    Integer.parseInt(text(taken.get(3)))));
        } catch (JedisException e) {
            throw RedisErrors.translate("taking work from " + ns, endpoint, e);
        }
    }

    @Override
    public boolean renew(WorkLease lease, Duration duration) {
        Objects.requireNonNull(lease, "lease");
        try {
            Object r = redis.eval(
                    RENEW,
                    List.of(item(lease.agent(), lease.id()), ns + "-leases"),
                    List.of(lease.id(), lease.token(), millis(duration, "duration")));
            return Long.valueOf(1).equals(r);
        } catch (JedisException e) {
            throw RedisErrors.translate("renewing the lease of " + item(lease.agent(), lease.id()), endpoint, e);
        }
    }

    @Override
    public boolean finish(WorkLease lease, WorkState state, String result, Duration keep) {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(result, "result");
        if (state != WorkState.DONE && state != WorkState.FAILED) {
            throw new IllegalArgumentException("state must be DONE or FAILED, was " + state);
        }
        try {
            Object r = redis.eval(
                    FINISH,
                    List.of(item(lease.agent(), lease.id()), ns + "-leases", index(lease.id())),
                    List.of(lease.id(), lease.token(), state.wireName(), result, millis(keep, "keep")));
            return Long.valueOf(1).equals(r);
        } catch (JedisException e) {
            throw RedisErrors.translate("finishing " + item(lease.agent(), lease.id()), endpoint, e);
        }
    }

    @Override
    public Optional<WorkItem> find(String id) {
        try {
            String agent = redis.get(index(id));
            if (agent == null) {
                return Optional.empty();
            }
            Map<String, String> h = redis.hgetAll(item(agent, id));
            if (h.isEmpty() || h.get("state") == null) {
                return Optional.empty();
            }
            return Optional.of(new WorkItem(
                    agent,
                    id,
                    WorkState.fromWire(h.get("state")),
                    h.getOrDefault("payload", ""),
                    Optional.ofNullable(h.get("result")),
                    Integer.parseInt(h.getOrDefault("attempts", "0"))));
        } catch (JedisException e) {
            throw RedisErrors.translate("reading " + index(id), endpoint, e);
        }
    }

    private String item(String agent, String id) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(id, "id");
        return ns + ":" + agent + ":" + id;
    }

    private String index(String id) {
        return ns + "-run:" + Objects.requireNonNull(id, "id");
    }

    private static String millis(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return Long.toString(Math.max(1, d.toMillis()));
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
    }
}
