package com.astradesk.core.store.contract;

import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.coordination.LockHandle;
import com.astradesk.core.coordination.LockService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link LockService} must do; extended by the in-memory test and each adapter's IT. */
public abstract class AbstractLockServiceContractTest {

    protected abstract LockService locks();

    @Test
    void should_refuse_a_held_lock_to_a_second_caller() {
        // given
        String resource = id("restart:payments-api");
        Optional<LockHandle> first = locks().tryAcquire(resource, Duration.ofSeconds(30));

        // when
        Optional<LockHandle> second = locks().tryAcquire(resource, Duration.ofSeconds(30));

        // then
        assertThat(first).isPresent();
        assertThat(first.get().resource()).isEqualTo(resource);
        assertThat(second).isEmpty();
        first.get().close();
    }

    @Test
    void should_grant_the_lock_again_after_its_holder_releases_it() {
        // given
        String resource = id("restart:webapp");
        locks().tryAcquire(resource, Duration.ofSeconds(30)).orElseThrow().close();

        // when
        Optional<LockHandle> again = locks().tryAcquire(resource, Duration.ofSeconds(30));

        // then
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void should_grant_an_expired_lock_and_not_let_the_old_holder_release_the_new_one() throws Exception {
        // given
        String resource = id("restart:search");
        LockHandle stale = locks().tryAcquire(resource, Duration.ofMillis(100)).orElseThrow();
        Thread.sleep(250);
        LockHandle fresh = locks().tryAcquire(resource, Duration.ofSeconds(30)).orElseThrow();

        // when
        stale.close();

        // then
        assertThat(locks().tryAcquire(resource, Duration.ofSeconds(30))).isEmpty();
        fresh.close();
        assertThat(locks().tryAcquire(resource, Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void should_reject_a_non_positive_ttl() {
        assertThatThrownBy(() -> locks().tryAcquire(id("r"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
    }

    @Test
    void should_let_exactly_one_of_many_concurrent_callers_hold_the_lock_at_a_time() throws Exception {
        // given
        String resource = id("restart:database");
        int threads = 8;
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicInteger acquisitions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
                while (System.nanoTime() < until) {
                    Optional<LockHandle> h = locks().tryAcquire(resource, Duration.ofSeconds(10));
                    if (h.isPresent()) {
                        int now = holders.incrementAndGet();
                        maxHolders.accumulateAndGet(now, Math::max);
                        acquisitions.incrementAndGet();
                        Thread.sleep(2);
                        holders.decrementAndGet();
                        h.get().close();
                    }
                    Thread.sleep(1);
                }
                return null;
            }));
        }

        // when
        start.countDown();
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // then
        assertThat(maxHolders.get()).isEqualTo(1);
        assertThat(acquisitions.get()).isGreaterThan(threads);
    }
}
