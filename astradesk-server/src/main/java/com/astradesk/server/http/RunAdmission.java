package com.astradesk.server.http;

import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.server.config.RunAdmissionConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Admission control of synchronous agent runs: at most {@link RunAdmissionConfig#concurrency()} runs execute at
 * once; the others wait for a slot in arrival order (a fair semaphore), so on a busy server runs complete roughly in
 * the order they came instead of all sharing the cores and all finishing late. A run that waited {@link
 * RunAdmissionConfig#queueTimeout()} fails with {@link RunQueueTimeoutException} (503, {@code Retry-After}).
 *
 * <p>A run gives its slot back as soon as it starts waiting for the run journal's group commit ({@link
 * #releasingBeforeRecord(RunJournal)}): waiting costs no CPU, and every run waiting for the commit joins the same
 * batch, as without a limit. The slot is per thread; the route's {@link #run(Supplier)} always frees it at the end.
 * Thread-safe.
 */
public final class RunAdmission {
    private static final RunAdmission UNLIMITED = new RunAdmission(null, Duration.ZERO);

    private final Semaphore slots;
    private final Duration queueTimeout;
    private final ThreadLocal<Slot> held = new ThreadLocal<>();

    private RunAdmission(Semaphore slots, Duration queueTimeout) {
        this.slots = slots;
        this.queueTimeout = queueTimeout;
    }

    /** No limit: {@link #run(Supplier)} just runs. */
    public static RunAdmission unlimited() {
        return UNLIMITED;
    }

    /** As configured; {@code concurrency} 0 is {@link #unlimited()}. */
    public static RunAdmission of(RunAdmissionConfig config) {
        Objects.requireNonNull(config, "config");
        return config.limited()
                ? new RunAdmission(new Semaphore(config.concurrency(), true), config.queueTimeout())
                : UNLIMITED;
    }

    /**
     * Runs {@code run} once a slot is free, then frees the slot (unless the run gave it back earlier).
     *
     * @throws RunQueueTimeoutException when no slot came free within the queue timeout, or the thread was
     *                                  interrupted while waiting
     */
    public <T> T run(Supplier<T> run) {
        Objects.requireNonNull(run, "run");
        if (slots == null || held.get() != null) { // unlimited, or a nested run on a thread that holds its slot
            return run.get();
        }
        long startNanos = System.nanoTime();
        try {
            if (!slots.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new RunQueueTimeoutException(queueTimeout, Duration.ofNanos(System.nanoTime() - startNanos));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunQueueTimeoutException(queueTimeout, Duration.ofNanos(System.nanoTime() - startNanos));
        }
        Slot slot = new Slot();
        held.set(slot);
        try {
            return run.get();
        } finally {
            held.remove();
            slot.release();
        }
    }

    /**
     * A journal that first gives back the calling thread's slot (if it holds one) and then records: a run waiting
     * for its group commit lets the next queued run execute.
     */
    public RunJournal releasingBeforeRecord(RunJournal journal) {
        Objects.requireNonNull(journal, "journal");
        if (slots == null) {
            return journal;
        }
        return new RunJournal() {
            @Override
            public List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits) {
                releaseHeld();
                return journal.record(dialogue, audits);
            }

            @Override
            public List<AuditRecord> recordEvents(List<AuditRecord> audits) {
                return journal.recordEvents(audits);
            }
        };
    }

    /** Slots free now (the configured concurrency when idle); {@link Integer#MAX_VALUE} when unlimited. */
    public int available() {
        return slots == null ? Integer.MAX_VALUE : slots.availablePermits();
    }

    /** Runs waiting for a slot now (an estimate, for diagnostics). */
    public int queued() {
        return slots == null ? 0 : slots.getQueueLength();
    }

    private void releaseHeld() {
        Slot slot = held.get();
        if (slot != null) {
            slot.release();
        }
    }

    /** One acquired slot, given back once. Confined to the thread that acquired it. */
    private final class Slot {
        private boolean released;

        void release() {
            if (!released) {
                released = true;
                slots.release();
            }
        }
    }
}
