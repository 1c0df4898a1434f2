package com.astradesk.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AttemptDeadlinesTest {
    private final AttemptDeadlines deadlines = AttemptDeadlines.shared();

    @Test
    void should_return_the_value_of_an_attempt_within_its_deadline() {
        // when
        String value = deadlines.run(Duration.ofSeconds(5), () -> "answer");

        // then
        assertThat(value).isEqualTo("answer");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void should_interrupt_a_blocked_attempt_at_its_deadline_and_clear_the_interrupt() {
        // given
        var never = new CountDownLatch(1);
        long started = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> deadlines.run(Duration.ofMillis(100), () -> {
                    try {
                        never.await(10, TimeUnit.SECONDS);
                        return "late";
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }))
                .isInstanceOf(AttemptDeadlines.Expired.class)
                .satisfies(
                        e -> assertThat(e.getSuppressed()).singleElement().isInstanceOf(IllegalStateException.class));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(elapsedMillis).isBetween(90L, 2_000L);
        assertThat(Thread.interrupted())
                .as("the watchdog's interrupt does not outlive the attempt")
                .isFalse();
    }

    @Test
    void should_refuse_the_value_of_an_attempt_that_ran_past_its_deadline() {
        // when / then: an attempt that ignores the interrupt still counts as timed out
        assertThatThrownBy(() -> deadlines.run(Duration.ofMillis(30), () -> {
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    return "late";
                }))
                .isInstanceOf(AttemptDeadlines.Expired.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void should_pass_an_attempt_failure_through_when_within_the_deadline() {
        // when / then
        assertThatThrownBy(() -> deadlines.run(Duration.ofSeconds(5), () -> {
                    throw new IllegalArgumentException("bad");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad");
    }

    @Test
    void should_time_out_attempts_after_the_watchdog_went_idle() throws InterruptedException {
        // given: a watchdog that sleeps after one idle tick, and nothing in flight for a while
        AttemptDeadlines sleepy = new AttemptDeadlines(1);
        sleepy.run(Duration.ofSeconds(1), () -> "first");
        Thread.sleep(50);

        // when / then: the next attempt wakes it
        assertThatThrownBy(() -> sleepy.run(Duration.ofMillis(50), () -> {
                    try {
                        Thread.sleep(5_000);
                        return "late";
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("interrupted", e);
                    }
                }))
                .isInstanceOf(AttemptDeadlines.Expired.class);
    }

    @Test
    void should_not_wake_the_watchdog_for_each_of_back_to_back_attempts() {
        // given: a watchdog that lingers (ticks) for a second after the last attempt
        AttemptDeadlines lingering = new AttemptDeadlines(AttemptDeadlines.LINGER_TICKS);

        // when: calls one after another, as a gateway at a few hundred calls a second makes them
        for (int i = 0; i < 200; i++) {
            lingering.run(Duration.ofSeconds(5), () -> "answer");
        }

        // then: at most the first woke it (it used to be woken, and go back to sleep, once per call)
        assertThat(lingering.wakeUps()).isLessThanOrEqualTo(1);
    }
}
