package com.astradesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.server.config.RunAdmissionConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run limiter: arrival order, refusal after the queue timeout, the slot freed for the journal's commit wait. */
class RunAdmissionTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void should_run_queued_runs_in_arrival_order_when_the_slot_frees() throws Exception {
        // given: one slot, held by a run that waits for the test
        RunAdmission admission = RunAdmission.of(new RunAdmissionConfig(1, Duration.ofSeconds(30)));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(
                () -> admission.run(() -> {
                    holding.countDown();
                    await(release);
                    return null;
                }),
                threads);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        // when: five more runs arrive one after another, each queued before the next starts
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> queued = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            queued.add(CompletableFuture.runAsync(() -> admission.run(() -> order.add(n)), threads));
            waitUntilQueued(admission, i + 1);
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> f : queued) {
            f.get(10, TimeUnit.SECONDS);
        }

        // then
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
        assertThat(admission.available()).isEqualTo(1);
    }

    @Test
    void should_refuse_a_run_that_waited_longer_than_the_queue_timeout_without_running_it() throws Exception {
        // given: the only slot is taken
        RunAdmission admission = RunAdmission.of(new RunAdmissionConfig(1, Duration.ofMillis(100)));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(
                () -> admission.run(() -> {
                    holding.countDown();
                    await(release);
                    return null;
                }),
                threads);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean ran = new AtomicBoolean();

        // when / then
        assertThatThrownBy(() -> admission.run(() -> ran.getAndSet(true)))
                .isInstanceOf(RunQueueTimeoutException.class)
                .hasMessageContaining("no run slot came free within 100 ms")
                .satisfies(e -> assertThat(((RunQueueTimeoutException) e).queueTimeout())
                        .isEqualTo(Duration.ofMillis(100)));
        assertThat(ran).isFalse();
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(admission.available()).isEqualTo(1);
    }

    @Test
    void should_free_the_slot_while_the_run_waits_for_the_journal_and_only_once() throws Exception {
        // given: one slot; a journal whose record waits for the test (a group commit in progress)
        RunAdmission admission = RunAdmission.of(new RunAdmissionConfig(1, Duration.ofSeconds(30)));
        CountDownLatch recording = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        RunJournal journal = admission.releasingBeforeRecord(new RunJournal() {
            @Override
            public List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits) {
                recording.countDown();
                await(committed);
                return audits;
            }

            @Override
            public List<AuditRecord> recordEvents(List<AuditRecord> audits) {
                return audits;
            }
        });
        CompletableFuture<Void> first =
                CompletableFuture.runAsync(() -> admission.run(() -> journal.record(null, List.of())), threads);
        assertThat(recording.await(10, TimeUnit.SECONDS)).isTrue();

        // when: a second run arrives while the first waits for its commit
        CompletableFuture<String> second =
                CompletableFuture.supplyAsync(() -> admission.run(() -> "second ran"), threads);

        // then: it runs without waiting for the commit, and both slots' releases add up to one slot
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second ran");
        assertThat(first).isNotDone();
        committed.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(admission.available()).isEqualTo(1);
    }

    @Test
    void should_free_the_slot_when_the_run_throws() {
        RunAdmission admission = RunAdmission.of(new RunAdmissionConfig(2, Duration.ofSeconds(1)));

        assertThatThrownBy(() -> admission.run(() -> {
                    throw new IllegalStateException("tool failed");
                }))
                .hasMessage("tool failed");
        assertThat(admission.available()).isEqualTo(2);
    }

    @Test
    void should_let_a_nested_run_on_the_same_thread_through_instead_of_waiting_for_itself() {
        RunAdmission admission = RunAdmission.of(new RunAdmissionConfig(1, Duration.ofMillis(200)));

        String result = admission.run(() -> admission.run(() -> "inner"));

        assertThat(result).isEqualTo("inner");
        assertThat(admission.available()).isEqualTo(1);
    }

    @Test
    void should_not_limit_or_wrap_anything_when_unlimited() {
        RunAdmission admission = RunAdmission.of(RunAdmissionConfig.unlimited());
        RunJournal journal = new RunJournal() {
            @Override
            public List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits) {
                return audits;
            }

            @Override
            public List<AuditRecord> recordEvents(List<AuditRecord> audits) {
                return audits;
            }
        };

        assertThat(admission).isSameAs(RunAdmission.unlimited());
        assertThat(admission.releasingBeforeRecord(journal)).isSameAs(journal);
        assertThat(admission.run(() -> "ran")).isEqualTo("ran");
    }

    private static void waitUntilQueued(RunAdmission admission, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (admission.queued() < n) {
            assertThat(System.nanoTime()).as("run %d never queued", n).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
