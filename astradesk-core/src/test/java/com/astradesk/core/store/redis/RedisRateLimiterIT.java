package com.astradesk.core.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.ratelimit.AbstractRateLimiterContractTest;
import com.astradesk.core.ratelimit.FailureMode;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import com.astradesk.core.ratelimit.RateLimiterUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisRateLimiterIT extends AbstractRateLimiterContractTest {
    private static RedisClient client;
    private static RedisRateLimiter limiter;

    @BeforeAll
    static void connect() {
        client = RedisTestSupport.connect();
        limiter = new RedisRateLimiter(client, FailureMode.CLOSED);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }

    @Override
    protected void elapse(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void should_store_the_bucket_under_ratelimit_key_with_an_expiry() {
        // given
        String key = key("ttl");

        // when
        limiter.tryAcquire(key, new RateLimitRule(10, 1, Duration.ofSeconds(1)));

        // then: one token missing refills in about a second
        long pttl = client.pttl("ratelimit:" + key);
        assertThat(pttl).isBetween(1L, 1000L);
    }

    @Test
    void should_reload_the_script_when_the_server_does_not_know_it() {
        // given
        limiter.useScriptSha("0000000000000000000000000000000000000000");

        // when
        RateLimitDecision d = limiter.tryAcquire(key("noscript"), RateLimitRule.perSecond(5));

        // then
        assertThat(d.allowed()).isTrue();
        assertThat(d.remaining()).isEqualTo(4);
    }

    @Test
    void should_let_requests_through_when_redis_is_down_and_failing_open() {
        try (RedisClient down = RedisTestSupport.unreachable()) {
            var open = new RedisRateLimiter(down, FailureMode.OPEN);
            RateLimitRule rule = new RateLimitRule(1, 1, Duration.ofHours(1));

            RateLimitDecision first = open.tryAcquire("k", rule);
            RateLimitDecision second = open.tryAcquire("k", rule);

            assertThat(first.allowed()).isTrue();
            assertThat(second.allowed()).isTrue();
            assertThat(second.remaining()).isEqualTo(1);
        }
    }

    @Test
    void should_refuse_requests_when_redis_is_down_and_failing_closed() {
        try (RedisClient down = RedisTestSupport.unreachable()) {
            var closed = new RedisRateLimiter(down, FailureMode.CLOSED);

            assertThatThrownBy(() -> closed.tryAcquire("k", RateLimitRule.perSecond(1)))
                    .isInstanceOf(RateLimiterUnavailableException.class)
                    .hasMessageContaining("unavailable")
                    .satisfies(e -> assertThat(((RateLimiterUnavailableException) e).retryAfter())
                            .isPositive());
        }
    }
}
