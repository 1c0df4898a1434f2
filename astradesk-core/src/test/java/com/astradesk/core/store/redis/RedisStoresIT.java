package com.astradesk.core.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.store.testing.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisStoresIT {

    @Test
    void should_fail_to_open_with_a_store_unavailable_error_naming_redis_when_nothing_listens() {
        RedisConfig config = RedisConfig.of("redis://:s3cret@127.0.0.1:1/0").withTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> RedisStores.open(config))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("redis:")
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret")
                .satisfies(
                        e -> assertThat(((StoreUnavailableException) e).store()).isEqualTo("redis"));
    }

    @Test
    void should_answer_ping_when_redis_is_up() {
        try (RedisStores stores = RedisStores.open(TestServices.redis())) {
            stores.ping();
            assertThat(stores.lockService()).isNotNull();
        }
    }

    @Test
    void should_store_locks_under_the_documented_key_with_a_ttl() {
        try (RedisStores stores = RedisStores.open(TestServices.redis());
                redis.clients.jedis.RedisClient raw = redis.clients.jedis.RedisClient.create(
                        java.net.URI.create(TestServices.redis().url()))) {
            String resource = "restart:payments-api-" + System.nanoTime();

            // when
            var handle = stores.lockService()
                    .tryAcquire(resource, Duration.ofSeconds(30))
                    .orElseThrow();

            // then
            assertThat(raw.pttl("lock:" + resource)).isBetween(1L, 30_000L);
            handle.close();
            assertThat(raw.exists("lock:" + resource)).isFalse();
        }
    }
}
