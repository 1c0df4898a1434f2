package com.astradesk.core.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.idempotency.AbstractIdempotencyStoreContractTest;
import com.astradesk.core.idempotency.IdempotencyStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisIdempotencyStoreIT extends AbstractIdempotencyStoreContractTest {
    private static final Duration LEASE = Duration.ofMillis(500);
    private static RedisClient client;
    private static RedisIdempotencyStore store;

    @BeforeAll
    static void connect() {
        client = RedisTestSupport.connect();
        store = new RedisIdempotencyStore(client, LEASE);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected Duration lease() {
        return LEASE;
    }

    @Override
    protected void elapse(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void should_store_completed_records_as_json_with_the_hash_and_the_full_ttl() {
        // given
        String key = key("json");
        store.begin(key, "abc", Duration.ofHours(24));

        // when
        store.complete(key, new com.astradesk.core.idempotency.StoredResponse(200, "{\"a\":1}"));

        // then
        String raw = client.get("idempotency:" + key);
        Map<String, Object> record = com.astradesk.core.json.Json.readObject(raw);
        assertThat(record)
                .containsEntry("hash", "abc")
                .containsEntry("state", "completed")
                .containsEntry("status", 200);
        assertThat(client.pttl("idempotency:" + key))
                .isGreaterThan(Duration.ofHours(23).toMillis());
    }

    @Test
    void should_fail_with_a_clear_error_when_redis_is_down() {
        try (RedisClient down = RedisTestSupport.unreachable()) {
            var broken = new RedisIdempotencyStore(down, LEASE);

            assertThatThrownBy(() -> broken.begin("k", "h", Duration.ofMinutes(1)))
                    .isInstanceOf(AstraDeskException.class)
                    .hasMessageContaining("idempotency store (Redis) failed during begin");
        }
    }
}
