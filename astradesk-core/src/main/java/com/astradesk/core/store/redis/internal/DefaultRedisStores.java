package com.astradesk.core.store.redis.internal;

import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.store.redis.RedisConfig;
import com.astradesk.core.store.redis.RedisStores;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.exceptions.JedisException;

/** {@link RedisStores} over one pooled Jedis client. Thread-safe. */
public final class DefaultRedisStores implements RedisStores {
    private final RedisClient client;
    private final String endpoint;
    private final LockService locks;
    private final WorkQueue queue;

    private DefaultRedisStores(RedisClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
        this.locks = new RedisLockService(client, endpoint);
        this.queue = new RedisWorkQueue(client, endpoint, "work");
    }

    /** Builds the pool and pings the server. */
    public static RedisStores open(RedisConfig config) {
        Objects.requireNonNull(config, "config");
        URI uri = URI.create(config.url().trim());
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        DefaultJedisClientConfig.Builder clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs)
                .socketTimeoutMillis(timeoutMs)
                .clientName("astradesk");
        if ("rediss".equals(uri.getScheme())) {
            clientConfig.sslOptions(SslOptions.defaults());
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                clientConfig.database(Integer.parseInt(path.substring(1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Redis URL database must be a number: " + config.redactedUrl(), e);
            }
        }
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            if (parts.length == 2) {
                if (!parts[0].isEmpty()) {
                    clientConfig.user(decode(parts[0]));
                }
                clientConfig.password(decode(parts[1]));
            } else {
                clientConfig.password(decode(parts[0]));
            }
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(config.maxConnections());
        pool.setMaxIdle(config.maxConnections());
        pool.setMaxWait(config.timeout());
        String endpoint = "redis " + uri.getHost() + ":" + port;
        RedisClient client = RedisClient.builder()
                .hostAndPort(uri.getHost(), port)
                .clientConfig(clientConfig.build())
                .poolConfig(pool)
                .build();
        DefaultRedisStores stores = new DefaultRedisStores(client, endpoint);
        try {
            stores.ping();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return stores;
    }

    @Override
    public LockService lockService() {
        return locks;
    }

    @Override
    public com.astradesk.core.ratelimit.RateLimiter rateLimiter(com.astradesk.core.ratelimit.FailureMode failureMode) {
        return new com.astradesk.core.store.redis.RedisRateLimiter(client, failureMode);
    }

    @Override
    public com.astradesk.core.ratelimit.RateLimiter rateLimiter(
            com.astradesk.core.ratelimit.FailureMode failureMode, double leaseFraction, java.time.Duration leaseTtl) {
        return new com.astradesk.core.store.redis.RedisRateLimiter(client, failureMode, leaseFraction, leaseTtl);
    }

    @Override
    public com.astradesk.core.ratelimit.TokenBudget tokenBudget(com.astradesk.core.ratelimit.FailureMode failureMode) {
        return new com.astradesk.core.store.redis.RedisTokenBudget(client, failureMode);
    }

    @Override
    public com.astradesk.core.idempotency.IdempotencyStore idempotencyStore(java.time.Duration inProgressLease) {
        return new com.astradesk.core.store.redis.RedisIdempotencyStore(client, inProgressLease);
    }

    @Override
    public WorkQueue workQueue() {
        return queue;
    }

    @Override
    public WorkQueue workQueue(String namespace) {
        return new RedisWorkQueue(client, endpoint, namespace);
    }

    @Override
    public void ping() {
        try {
            String reply = client.ping();
            if (!"PONG".equals(reply)) {
                throw new StoreUnavailableException(NAME, endpoint + " answered " + reply + " to PING", null);
            }
        } catch (JedisException e) {
            throw RedisErrors.translate("ping", endpoint, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
