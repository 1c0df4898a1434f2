package com.astradesk.core.store.redis;

import static org.assertj.core.api.Assertions.fail;

import redis.clients.jedis.RedisClient;

/** Connects the Redis ITs to the machine's Redis; a missing server fails the test run loudly. */
final class RedisTestSupport {
    static final String HOST = System.getProperty("astradesk.test.redis.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("astradesk.test.redis.port", 6379);

    private RedisTestSupport() {}

    static RedisClient connect() {
        RedisClient client = RedisClient.create(HOST, PORT);
        try {
            if (!"PONG".equals(client.ping())) {
                fail("Redis at " + HOST + ":" + PORT + " did not answer PONG");
            }
        } catch (RuntimeException e) {
            client.close();
            throw new AssertionError(
                    "Redis ITs need a Redis server at " + HOST + ":" + PORT + " (start it, e.g. `redis-server`): " + e,
                    e);
        }
        return client;
    }

    /** A client for a port nothing listens on, to provoke failures. */
    static RedisClient unreachable() {
        return RedisClient.builder()
                .hostAndPort("127.0.0.1", 1)
                .clientConfig(redis.clients.jedis.DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(200)
                        .socketTimeoutMillis(200)
                        .build())
                .build();
    }
}
