package com.astradesk.core.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link BucketMap} runs operations outside the map's locks (one principal's calls used to queue on one monitor);
 * these pin down that nothing is lost that way.
 */
class BucketMapTest {
    private static final RateLimitRule HOURLY = new RateLimitRule(1_000_000, 1, Duration.ofHours(1));

    @Test
    void should_count_every_charge_one_principal_makes_from_many_threads_at_once() throws Exception {
        // given
        var buckets = new BucketMap(MutableClock.atEpochOf2026());
        int threads = 8;
        int chargesEach = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();

        // when
        try {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < chargesEach; i++) {
                        buckets.apply("alice", HOURLY, b -> b.consumeIgnoringRateLimits(3));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // then
        long left = buckets.apply("alice", HOURLY, b -> b.getAvailableTokens());
        assertThat(left).isEqualTo(1_000_000L - 3L * threads * chargesEach);
        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void should_keep_a_charge_made_while_a_sweep_dropped_its_full_bucket() {
        // given: a full (fresh) bucket, swept away while an operation is on it
        var buckets = new BucketMap(MutableClock.atEpochOf2026());

        // when
        buckets.apply("alice", HOURLY, b -> {
            buckets.sweep();
            return b.consumeIgnoringRateLimits(500);
        });

        // then: the bucket that saw the charge is the key's bucket again
        long left = buckets.apply("alice", HOURLY, b -> b.getAvailableTokens());
        assertThat(buckets.size()).isEqualTo(1);
        assertThat(left).isEqualTo(999_500L);
    }
}
