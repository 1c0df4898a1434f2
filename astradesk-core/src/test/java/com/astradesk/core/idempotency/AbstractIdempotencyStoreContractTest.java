package com.astradesk.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link IdempotencyStore} must show; the in-memory and the Redis store both extend it. */
public abstract class AbstractIdempotencyStoreContractTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private final String run = UUID.randomUUID().toString();

    /** The store under test, with an in-progress lease of {@link #lease()}. */
    protected abstract IdempotencyStore store();

    /** The in-progress lease the store was built with. */
    protected abstract Duration lease();

    /** Lets {@code d} pass for the store (moves a test clock, or sleeps). */
    protected abstract void elapse(Duration d) throws InterruptedException;

    protected String key(String name) {
        return "test:" + run + ":" + name;
    }

    @Test
    void should_start_once_then_report_in_progress_for_the_same_body() {
        String key = key("start");

        assertThat(store().begin(key, "h1", TTL)).isInstanceOf(IdempotencyOutcome.Started.class);
        assertThat(store().begin(key, "h1", TTL)).isInstanceOf(IdempotencyOutcome.InProgress.class);
    }

    @Test
    void should_replay_the_stored_response_after_completion() {
        // given
        String key = key("replay");
        store().begin(key, "h1", TTL);
        var response = new StoredResponse(200, "{\"output\":\"zażółć ✓ \\/ <b>\"}");

        // when
        store().complete(key, response);

        // then
        assertThat(store().begin(key, "h1", TTL)).isEqualTo(new IdempotencyOutcome.Replay(response));
    }

    @Test
    void should_report_a_mismatch_for_another_body_while_running_and_after_completion() {
        String key = key("mismatch");
        store().begin(key, "h1", TTL);

        assertThat(store().begin(key, "h2", TTL)).isInstanceOf(IdempotencyOutcome.Mismatch.class);
        store().complete(key, new StoredResponse(200, "{}"));
        assertThat(store().begin(key, "h2", TTL)).isInstanceOf(IdempotencyOutcome.Mismatch.class);
    }

    @Test
    void should_let_a_retry_run_after_abandon() {
        String key = key("abandon");
        store().begin(key, "h1", TTL);

        store().abandon(key);

        assertThat(store().begin(key, "h1", TTL)).isInstanceOf(IdempotencyOutcome.Started.class);
    }

    @Test
    void should_not_let_abandon_erase_a_completed_record() {
        String key = key("abandon-completed");
        store().begin(key, "h1", TTL);
        store().complete(key, new StoredResponse(201, "done"));

        store().abandon(key);

        assertThat(store().begin(key, "h1", TTL))
                .isEqualTo(new IdempotencyOutcome.Replay(new StoredResponse(201, "done")));
    }

    @Test
    void should_ignore_complete_for_a_key_that_was_never_started() {
        String key = key("never");

        store().complete(key, new StoredResponse(200, "x"));

        assertThat(store().begin(key, "h1", TTL)).isInstanceOf(IdempotencyOutcome.Started.class);
    }

    @Test
    void should_release_a_key_whose_run_never_finished_after_the_lease() throws InterruptedException {
        String key = key("lease");
        store().begin(key, "h1", TTL);

        elapse(lease().plusMillis(200));

        assertThat(store().begin(key, "h1", TTL)).isInstanceOf(IdempotencyOutcome.Started.class);
    }

    @Test
    void should_forget_a_completed_record_after_its_ttl() throws InterruptedException {
        String key = key("ttl");
        Duration shortTtl = Duration.ofMillis(300);
        store().begin(key, "h1", shortTtl);
        store().complete(key, new StoredResponse(200, "x"));

        elapse(Duration.ofMillis(500));

        assertThat(store().begin(key, "h2", TTL)).isInstanceOf(IdempotencyOutcome.Started.class);
    }

    @Test
    void should_start_exactly_one_of_many_concurrent_begins() throws Exception {
        // given
        String key = key("race");
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<IdempotencyOutcome>> futures = new ArrayList<>();

        // when
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return store().begin(key, "h1", TTL);
            }));
        }
        go.countDown();
        List<IdempotencyOutcome> outcomes = new ArrayList<>();
        for (Future<IdempotencyOutcome> f : futures) {
            outcomes.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        // then
        assertThat(outcomes)
                .filteredOn(o -> o instanceof IdempotencyOutcome.Started)
                .hasSize(1);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof IdempotencyOutcome.InProgress)
                .hasSize(threads - 1);
    }

    @Test
    void should_reject_blank_keys_and_non_positive_ttls() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store().begin(" ", "h", TTL))
                .withMessageContaining("scopeKey");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store().begin(key("x"), "h", Duration.ZERO))
                .withMessageContaining("ttl");
    }
}
