package com.astradesk.model.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Per-attempt timeouts for blocking provider calls, without a scheduled task per call: an attempt registers its
 * thread and deadline in a set, and one watchdog thread interrupts the threads whose deadline has passed every
 * {@value #TICK_MILLIS} ms. The watchdog keeps ticking until it has seen no attempt in flight for {@value
 * #LINGER_TICKS} ticks in a row, and only then sleeps until the next attempt wakes it: at a few hundred calls a
 * second, waking it for every call (and its going back to sleep after it) cost two thread wake-ups per call. Failsafe's {@code Timeout} scheduled and
 * cancelled a task per call, and each cancellation built a {@code CancellationException} with its stack trace:
 * a visible part of the model gateway's CPU per call. A timed-out attempt throws {@link Expired}; the thread's
 * interrupt status is cleared before it does, so the interrupt never leaks past the attempt. Thread-safe.
 */
final class AttemptDeadlines {
    static final int TICK_MILLIS = 10;
    /** Idle ticks (one second) before the watchdog sleeps until an attempt wakes it. */
    static final int LINGER_TICKS = 100;

    private static final AttemptDeadlines SHARED = new AttemptDeadlines();

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;

    private final Set<Attempt> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final Thread watchdog;
    private final int lingerTicks;
    /** Whether the watchdog sleeps until woken (set before it re-reads {@link #count}, so no attempt is missed). */
    private volatile boolean sleeping;
    /** Times an attempt had to wake the watchdog (tests). */
    private final AtomicInteger wakeUps = new AtomicInteger();

    /** Thrown by {@link #run} when the attempt ran past its deadline (whatever it returned or threw). */
    static final class Expired extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Expired() {
            super("attempt timed out", null, true, false);
        }
    }

    private static final class Attempt {
        final Thread thread = Thread.currentThread();
        final long deadline;
        final AtomicInteger state = new AtomicInteger(RUNNING);

        Attempt(long deadline) {
            this.deadline = deadline;
        }
    }

    private AttemptDeadlines() {
        this(LINGER_TICKS);
    }

    /** A watchdog of its own that sleeps after {@code lingerTicks} idle ticks (tests). */
    AttemptDeadlines(int lingerTicks) {
        this.lingerTicks = lingerTicks;
        this.watchdog = new Thread(this::watch, "astradesk-model-timeouts");
        this.watchdog.setDaemon(true);
        this.watchdog.start();
    }

    static AttemptDeadlines shared() {
        return SHARED;
    }

    /** How often an attempt had to wake the sleeping watchdog. */
    int wakeUps() {
        return wakeUps.get();
    }

    /**
     * Runs {@code call} on this thread, interrupting it once {@code timeout} has passed.
     *
     * @throws Expired when the deadline passed before the call returned
     */
    <T> T run(Duration timeout, Supplier<T> call) {
        Attempt attempt = new Attempt(System.nanoTime() + timeout.toNanos());
        inFlight.add(attempt);
        count.incrementAndGet();
        if (sleeping) {
            wakeUps.incrementAndGet();
            LockSupport.unpark(watchdog);
        }
        T value;
        try {
            value = call.get();
        } catch (RuntimeException | Error e) {
            if (finish(attempt)) {
                throw e;
            }
            throw expired(e);
        }
        if (!finish(attempt)) {
            throw new Expired();
        }
        return value;
    }

    private static Expired expired(Throwable cause) {
        Expired expired = new Expired();
        expired.addSuppressed(cause);
        return expired;
    }

    /** Deregisters; false when the watchdog timed the attempt out (its interrupt is then cleared). */
    private boolean finish(Attempt attempt) {
        inFlight.remove(attempt);
        count.decrementAndGet();
        if (attempt.state.compareAndSet(RUNNING, DONE)) {
            return true;
        }
        while (attempt.state.get() != INTERRUPTED) {
            Thread.onSpinWait();
        }
        Thread.interrupted(); // the watchdog's interrupt belongs to this attempt only
        return false;
    }

    private void watch() {
        int idleTicks = 0;
        while (true) {
            if (idleTicks >= lingerTicks) {
                sleeping = true;
                if (count.get() == 0) { // an attempt registered after this read sees sleeping and wakes us
                    LockSupport.park(this);
                }
                sleeping = false;
                idleTicks = 0;
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            idleTicks = count.get() == 0 ? idleTicks + 1 : 0;
            long now = System.nanoTime();
            for (Attempt attempt : inFlight) {
                if (now - attempt.deadline >= 0 && attempt.state.compareAndSet(RUNNING, INTERRUPTING)) {
                    attempt.thread.interrupt();
                    attempt.state.set(INTERRUPTED);
                }
            }
        }
    }
}
