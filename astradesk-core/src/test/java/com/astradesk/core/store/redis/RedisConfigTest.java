package com.astradesk.core.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisConfigTest {

    @Test
    void should_accept_redis_and_rediss_urls_with_defaults() {
        RedisConfig config = RedisConfig.of("rediss://cache.internal:6380/2");

        assertThat(config.timeout()).isEqualTo(RedisConfig.DEFAULT_TIMEOUT);
        assertThat(config.maxConnections()).isEqualTo(RedisConfig.DEFAULT_MAX_CONNECTIONS);
    }

    @Test
    void should_mask_credentials_in_its_string_form() {
        RedisConfig config = RedisConfig.of("redis://default:hunter2@cache:6379/0");

        assertThat(config.toString()).doesNotContain("hunter2").contains("redis://***@cache:6379/0");
    }

    @Test
    void should_reject_other_schemes_without_echoing_the_password() {
        assertThatThrownBy(() -> RedisConfig.of("http://user:hunter2@cache"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void should_reject_a_tiny_timeout_naming_it() {
        assertThatThrownBy(() -> RedisConfig.of("redis://cache").withTimeout(Duration.ofMillis(1)))
                .hasMessageContaining("timeout");
    }
}
