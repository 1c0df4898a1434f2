package com.astradesk.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link RateLimiter} must show; the in-memory and the Redis limiter both extend it. */
public abstract class AbstractRateLimiterContractTest {
    private final String run = UUID.randomUUID().toString();

    /** The limiter under test. */
    protected abstract RateLimiter limiter();

    /** Lets {@code d} pass for the limiter (moves a test clock, or sleeps). */
    protected abstract void elapse(Duration d) throws InterruptedException;

    /** A key unique to this test run. */
    protected String key(String name) {
        return "test:" + run + ":" + name;
    }

    @Test
    void should_allow_up_to_capacity_then_deny_with_retry_after() {
        // given
        RateLimitRule rule = new RateLimitRule(3, 1, Duration.ofSeconds(10));
        String key = key("capacity");

        // when
        List<RateLimitDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            decisions.add(limiter().tryAcquire(key, rule));
        }

        // then
        assertThat(decisions).extracting(RateLimitDecision::allowed).containsExactly(true, true, true, false);
        assertThat(decisions).extracting(RateLimitDecision::remaining).containsExactly(2L, 1L, 0L, 0L);
        assertThat(decisions).extracting(RateLimitDecision::limit).containsOnly(3L);
        RateLimitDecision denied = decisions.get(3);
        assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(denied.retryAfterSeconds()).isBetween(1L, 10L);
        assertThat(decisions.get(0).retryAfter()).isZero();
    }

    @Test
    void should_report_reset_as_the_time_until_the_bucket_is_full() {
        // given
        RateLimitRule rule = new RateLimitRule(5, 1, Duration.ofSeconds(10));

        // when
        RateLimitDecision first = limiter().tryAcquire(key("reset"), rule);
        RateLimitDecision second = limiter().tryAcquire(key("reset"), rule);

        // then: one token missing takes one period, two take two
        assertThat(first.resetAfter()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        assertThat(second.resetAfter()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
    }

    @Test
    void should_keep_buckets_of_different_keys_apart() {
        // given
        RateLimitRule rule = new RateLimitRule(1, 1, Duration.ofHours(1));
        limiter().tryAcquire(key("alice"), rule);

        // when
        RateLimitDecision alice = limiter().tryAcquire(key("alice"), rule);
        RateLimitDecision bob = limiter().tryAcquire(key("bob"), rule);

        // then
        assertThat(alice.allowed()).isFalse();
        assertThat(bob.allowed()).isTrue();
    }

    @Test
    void should_refill_tokens_over_time() throws InterruptedException {
        // given: one token every 2 s (a shorter period let a stall of a loaded machine between the first two calls
        // refill the token before the refusal was checked)
        RateLimitRule rule = new RateLimitRule(1, 1, Duration.ofSeconds(2));
        String key = key("refill");
        assertThat(limiter().tryAcquire(key, rule).allowed()).isTrue();
        assertThat(limiter().tryAcquire(key, rule).allowed()).isFalse();

        // when
        elapse(Duration.ofMillis(2_200));

        // then
        assertThat(limiter().tryAcquire(key, rule).allowed()).isTrue();
    }

    @Test
    void should_never_exceed_capacity_under_concurrent_use() throws Exception {
        // given
        RateLimitRule rule = new RateLimitRule(50, 1, Duration.ofHours(1));
        String key = key("hammer");
        int threads = 20;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                start.await();
                int allowed = 0;
                for (int i = 0; i < perThread; i++) {
                    if (limiter().tryAcquire(key, rule).allowed()) {
                        allowed++;
                    }
                }
                return allowed;
            });
        }

        // when
        List<Future<Integer>> futures = new ArrayList<>();
        for (Callable<Integer> task : tasks) {
            futures.add(pool.submit(task));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : futures) {
            total += f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // then: 200 attempts, exactly the 50 tokens granted
        assertThat(total).isEqualTo(50);
    }
}
