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
    void should_lease_tokens_so_most_requests_skip_redis_and_never_exceed_the_limit() {
        // given: 10% of a 100-token bucket per Redis call; nothing refills during the test
        RedisRateLimiter leasing = new RedisRateLimiter(client, FailureMode.CLOSED, 0.1, Duration.ofMinutes(1));
        RateLimitRule rule = new RateLimitRule(100, 1, Duration.ofHours(1));
        String key = key("lease");

        // when: the first request leases 10 tokens
        RateLimitDecision first = leasing.tryAcquire(key, rule);
        double sharedAfterFirst = Double.parseDouble(client.hget("ratelimit:" + key, "tokens"));
        for (int i = 0; i < 9; i++) {
            assertThat(leasing.tryAcquire(key, rule).allowed()).isTrue();
        }
        double sharedAfterTen = Double.parseDouble(client.hget("ratelimit:" + key, "tokens"));
        long admitted = 10;
        for (int i = 0; i < 200; i++) {
            if (leasing.tryAcquire(key, rule).allowed()) {
                admitted++;
            }
        }

        // then: 10 requests, one Redis call; the capacity holds across leases
        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(99);
        assertThat(sharedAfterFirst).isEqualTo(90.0);
        assertThat(sharedAfterTen).isEqualTo(90.0);
        assertThat(admitted).isEqualTo(100);
        RateLimitDecision refused = leasing.tryAcquire(key, rule);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive();
    }

    @Test
    void should_share_a_leased_bucket_with_another_replica_without_exceeding_it() {
        // given: two replicas leasing from the same 50-token bucket
        RedisRateLimiter a = new RedisRateLimiter(client, FailureMode.CLOSED, 0.2, Duration.ofMinutes(1));
        RedisRateLimiter b = new RedisRateLimiter(client, FailureMode.CLOSED, 0.2, Duration.ofMinutes(1));
        RateLimitRule rule = new RateLimitRule(50, 1, Duration.ofHours(1));
        String key = key("replicas");

        // when
        long admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += a.tryAcquire(key, rule).allowed() ? 1 : 0;
            admitted += b.tryAcquire(key, rule).allowed() ? 1 : 0;
        }

        // then
        assertThat(admitted).isEqualTo(50);
    }

    @Test
    void should_give_unused_tokens_back_when_a_lease_expires() throws InterruptedException {
        RedisRateLimiter leasing = new RedisRateLimiter(client, FailureMode.CLOSED, 0.1, Duration.ofMillis(50));
        RateLimitRule rule = new RateLimitRule(100, 1, Duration.ofHours(1));
        String key = key("giveback");

        leasing.tryAcquire(key, rule);
        Thread.sleep(120);
        leasing.tryAcquire(key, rule);

        // 1 + 1 used; the first lease's 9 left-overs went back, the second lease holds 9 again
        assertThat(Double.parseDouble(client.hget("ratelimit:" + key, "tokens")))
                .isBetween(89.0, 89.1);
    }

    @Test
    void should_not_refuse_anyone_under_the_limit_when_many_threads_share_a_leased_bucket() throws Exception {
        // given: 64 threads, 4,000 requests, against a 10,000-token bucket leased 1% at a time
        RedisRateLimiter leasing = new RedisRateLimiter(client, FailureMode.CLOSED, 0.01, Duration.ofSeconds(1));
        RateLimitRule rule = new RateLimitRule(10_000, 1, Duration.ofHours(1));
        String key = key("crowd");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(64);
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        try {
            // when
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 4_000; i++) {
                futures.add(pool.submit(() -> {
                    if (!leasing.tryAcquire(key, rule).allowed()) {
                        refused.incrementAndGet();
                    }
                }));
            }
            for (var f : futures) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // then: nobody refused, and the shared bucket lost only what was used plus one open lease
        assertThat(refused).hasValue(0);
        double shared = Double.parseDouble(client.hget("ratelimit:" + key, "tokens"));
        assertThat(shared).isBetween(10_000.0 - 4_000 - 100, 10_000.0 - 4_000 + 0.1);
    }

    @Test
    void should_go_to_redis_for_every_request_when_a_lease_would_be_one_token() {
        RedisRateLimiter leasing = new RedisRateLimiter(client, FailureMode.CLOSED, 0.01, Duration.ofMinutes(1));
        String key = key("small");

        leasing.tryAcquire(key, RateLimitRule.perMinute(60));
        leasing.tryAcquire(key, RateLimitRule.perMinute(60));

        assertThat(Double.parseDouble(client.hget("ratelimit:" + key, "tokens")))
                .isBetween(58.0, 58.1);
    }

    @Test
    void should_refuse_a_lease_fraction_out_of_range() {
        assertThatThrownBy(() -> new RedisRateLimiter(client, FailureMode.OPEN, 0.9, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaseFraction");
        assertThatThrownBy(() -> new RedisRateLimiter(client, FailureMode.OPEN, 0.1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaseTtl");
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
