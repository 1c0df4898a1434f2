package com.astradesk.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.policy.Principal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
    private final IdempotencyStore store = IdempotencyStore.inMemory();
    private final Idempotency idempotency = Idempotency.of(store, IdempotencyStore.DEFAULT_TTL, Duration.ZERO);
    private final Principal alice = Principal.of("alice", "it.support");
    private final AtomicInteger runs = new AtomicInteger();

    private StoredResponse work() {
        return new StoredResponse(200, "{\"run\":" + runs.incrementAndGet() + "}");
    }

    @Test
    void should_run_once_and_replay_the_same_response_for_a_repeat() {
        // when
        IdempotentResult first = idempotency.run(alice, "key-1", "{\"input\":\"x\"}", this::work);
        IdempotentResult second = idempotency.run(alice, "key-1", "{\"input\":\"x\"}", this::work);

        // then
        assertThat(runs).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(second.response()).isEqualTo(first.response());
    }

    @Test
    void should_refuse_the_same_key_with_another_body() {
        idempotency.run(alice, "key-1", "{\"input\":\"x\"}", this::work);

        assertThatThrownBy(() -> idempotency.run(alice, "key-1", "{\"input\":\"y\"}", this::work))
                .isInstanceOf(IdempotencyKeyMismatchException.class)
                .hasMessageContaining("key-1")
                .extracting(e -> ((IdempotencyException) e).idempotencyKey())
                .isEqualTo("key-1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_keep_keys_of_different_principals_apart() {
        idempotency.run(alice, "key-1", "{}", this::work);

        IdempotentResult bob = idempotency.run(Principal.of("bob"), "key-1", "{\"other\":1}", this::work);

        assertThat(bob.replayed()).isFalse();
        assertThat(runs).hasValue(2);
    }

    @Test
    void should_answer_in_progress_at_once_when_not_waiting() throws Exception {
        // given: a first request that is still running
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<IdempotentResult> first =
                CompletableFuture.supplyAsync(() -> idempotency.run(alice, "slow", "{}", () -> {
                    running.countDown();
                    await(release);
                    return work();
                }));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        // when / then
        assertThatThrownBy(() -> idempotency.run(alice, "slow", "{}", this::work))
                .isInstanceOf(IdempotencyInProgressException.class);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).replayed()).isFalse();
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_wait_for_a_running_first_request_and_replay_its_response() throws Exception {
        // given
        Idempotency waiting = Idempotency.of(store, IdempotencyStore.DEFAULT_TTL, Duration.ofSeconds(5));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<IdempotentResult> first =
                CompletableFuture.supplyAsync(() -> waiting.run(alice, "wait", "{}", () -> {
                    running.countDown();
                    await(release);
                    return work();
                }));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        // when
        CompletableFuture<IdempotentResult> second =
                CompletableFuture.supplyAsync(() -> waiting.run(alice, "wait", "{}", this::work));
        Thread.sleep(100);
        release.countDown();

        // then
        assertThat(second.get(5, TimeUnit.SECONDS).replayed()).isTrue();
        assertThat(second.get().response())
                .isEqualTo(first.get(5, TimeUnit.SECONDS).response());
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_release_the_key_when_the_request_fails_so_a_retry_runs() {
        assertThatThrownBy(() -> idempotency.run(alice, "boom", "{}", () -> {
                    throw new IllegalStateException("model down");
                }))
                .hasMessage("model down");

        IdempotentResult retry = idempotency.run(alice, "boom", "{}", this::work);

        assertThat(retry.replayed()).isFalse();
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_not_store_server_errors() {
        idempotency.run(alice, "5xx", "{}", () -> new StoredResponse(503, "{}"));

        IdempotentResult retry = idempotency.run(alice, "5xx", "{}", this::work);

        assertThat(retry.replayed()).isFalse();
        assertThat(retry.response().status()).isEqualTo(200);
    }

    @Test
    void should_reject_malformed_keys() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> idempotency.run(alice, "has space", "{}", this::work))
                .withMessageContaining("Idempotency-Key");
        assertThatIllegalArgumentException().isThrownBy(() -> Idempotency.validateKey("x".repeat(256)));
        assertThatIllegalArgumentException().isThrownBy(() -> Idempotency.validateKey(""));
        assertThat(Idempotency.validateKey("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"))
                .isNotEmpty();
        assertThat(runs).hasValue(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
