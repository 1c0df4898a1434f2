package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.StoreException;
import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.postgres.RunJournalStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of runs: callers enqueue a run and wait; one writer thread drains up to {@code maxBatch} queued
 * runs and writes them with one statement ({@link RunBatchStatement}). The writer remembers the chain's tail
 * after each commit, so a batch normally costs one round trip and one commit: no chain lock, no tail read. If
 * another writer extended the chain meanwhile, the unique {@code prev_hash} refuses the batch as a whole, and it
 * is written again the careful way (chain lock, tail read, the statement, commit). A batch
 * that fails because the database is unavailable fails all its callers; any other failure is retried one run
 * per transaction, so only the rejected run fails. Thread-safe; {@link #close()} writes what is queued, then
 * stops the thread.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final int maxBatch;
    private final Duration enqueueTimeout;
    private final BlockingQueue<Pending> queue;
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final Thread thread;
    private volatile boolean closed;
    private final Object statsLock = new Object();
    private RunJournalStats stats = RunJournalStats.EMPTY;
    /** The chain's last hash as this writer committed it; empty when unknown. Writer thread only. */
    private Optional<String> tail = Optional.empty();

    private final boolean rememberTail;

    /**
     * @param maxBatch       most runs per transaction (≥ 1)
     * @param queueCapacity  most runs waiting (≥ 1); callers beyond it wait for room
     * @param enqueueTimeout how long a caller waits for room before it gets a {@link StoreUnavailableException}
     */
    GroupCommitWriter(Jdbi jdbi, int maxBatch, int queueCapacity, Duration enqueueTimeout) {
        this(jdbi, maxBatch, queueCapacity, enqueueTimeout, true);
    }

    /** @param rememberTail false: every batch takes the chain lock and reads the tail (the benchmark's baseline) */
    GroupCommitWriter(Jdbi jdbi, int maxBatch, int queueCapacity, Duration enqueueTimeout, boolean rememberTail) {
        this.rememberTail = rememberTail;
        if (maxBatch < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException(
                    "maxBatch and queueCapacity must be >= 1, were " + maxBatch + " and " + queueCapacity);
        }
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.maxBatch = maxBatch;
        this.enqueueTimeout = Objects.requireNonNull(enqueueTimeout, "enqueueTimeout");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::drain, "astradesk-run-journal-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Writes one run and returns its audit records as stored (chained), after its transaction committed.
     *
     * @throws StoreUnavailableException when the writer is closed, the queue stays full for the enqueue timeout,
     *                                   or the database is unavailable
     * @throws StoreException            when the database rejects the run
     */
    List<AuditRecord> write(Optional<DialogueRecord> dialogue, List<AuditRecord> audits) {
        Pending run = new Pending(dialogue, audits, new CompletableFuture<>());
        enqueue(run);
        try {
            return run.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(
                    PostgresStores.NAME,
                    "interrupted while waiting for " + run.runId() + " to commit; it may still be written",
                    e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            throw PgErrors.translate("recording " + run.runId(), e.getCause());
        }
    }

    /** The counters so far. */
    RunJournalStats stats() {
        synchronized (statsLock) {
            return stats;
        }
    }

    /** Runs waiting in the queue (not yet taken into a batch); for tests and diagnostics. */
    int queued() {
        return queue.size();
    }

    /** Stops accepting runs, writes those already queued, then stops the writer thread. Idempotent. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("run journal writer still busy {} after close; {} runs queued", CLOSE_WAIT, queue.size());
        }
    }

    private void enqueue(Pending run) {
        closing.readLock().lock();
        try {
            if (closed) {
                throw new StoreUnavailableException(
                        PostgresStores.NAME, "run journal is closed; " + run.runId() + " not recorded", null);
            }
            if (!queue.offer(run, enqueueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreUnavailableException(
                        PostgresStores.NAME,
                        "run journal queue full for " + enqueueTimeout + "; " + run.runId() + " not recorded",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(
                    PostgresStores.NAME, "interrupted while queueing " + run.runId() + "; not recorded", e);
        } finally {
            closing.readLock().unlock();
        }
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            try {
                commit(batch);
            } catch (RuntimeException | Error e) {
                LOG.error("run journal writer failed unexpectedly; failing {} runs", batch.size(), e);
                count(0, batch.size());
                batch.forEach(p -> p.done().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private void commit(List<Pending> batch) {
        List<List<AuditRecord>> stored;
        try {
            stored = tail.isPresent() ? writeAfterKnownTail(batch) : null;
            if (stored == null) {
                stored = jdbi.inTransaction(h -> writeAll(h, batch, AuditRows.lockedTail(h)));
            }
            rememberTail(stored);
        } catch (RuntimeException e) {
            tail = Optional.empty();
            StoreException first =
                    PgErrors.translate("recording " + batch.get(0).runId(), e);
            if (batch.size() > 1 && !(first instanceof StoreUnavailableException)) {
                LOG.debug("batch of {} runs failed ({}); retrying one run per transaction", batch.size(), e.toString());
                batch.forEach(p -> commit(List.of(p)));
                return;
            }
            String of = batch.size() > 1 ? " (in a batch of " + batch.size() + " runs)" : "";
            count(0, batch.size());
            batch.forEach(p -> p.done().completeExceptionally(PgErrors.translate("recording " + p.runId() + of, e)));
            return;
        }
        count(batch.size(), 0);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(stored.get(i));
        }
    }

    /** The optimistic path: one autocommitted statement after the remembered tail; null if the chain moved. */
    private List<List<AuditRecord>> writeAfterKnownTail(List<Pending> batch) {
        try {
            return jdbi.withHandle(h -> writeAll(h, batch, tail));
        } catch (RuntimeException e) {
            if (RunBatchStatement.isChainConflict(e)) {
                LOG.debug("audit chain moved since this writer's last batch; writing under the chain lock");
                tail = Optional.empty();
                return null;
            }
            throw e;
        }
    }

    private void rememberTail(List<List<AuditRecord>> stored) {
        if (!rememberTail) {
            return;
        }
        for (int i = stored.size() - 1; i >= 0; i--) {
            List<AuditRecord> run = stored.get(i);
            if (!run.isEmpty()) {
                tail = run.get(run.size() - 1).hash();
                return;
            }
        }
    }

    /** All runs of the batch in one statement; the audit records are chained in queue order after {@code tail}. */
    private static List<List<AuditRecord>> writeAll(Handle h, List<Pending> batch, Optional<String> tail) {
        List<DialogueRecord> dialogues = new ArrayList<>(batch.size());
        List<AuditRecord> audits = new ArrayList<>();
        for (Pending p : batch) {
            p.dialogue().ifPresent(dialogues::add);
            audits.addAll(p.audits());
        }
        List<AuditRecord> linked = RunBatchStatement.write(h, dialogues, audits, tail);
        List<List<AuditRecord>> perRun = new ArrayList<>(batch.size());
        int from = 0;
        for (Pending p : batch) {
            int to = from + p.audits().size();
            perRun.add(List.copyOf(linked.subList(from, to)));
            from = to;
        }
        return perRun;
    }

    /** Updates the counters; called before the futures complete so callers see their own run counted. */
    private void count(int committedRuns, int failedRuns) {
        synchronized (statsLock) {
            stats = new RunJournalStats(
                    stats.batches() + (committedRuns > 0 ? 1 : 0),
                    stats.runs() + committedRuns,
                    Math.max(stats.largestBatch(), committedRuns),
                    stats.failedRuns() + failedRuns);
        }
    }

    /** A run (with its dialogue) or audit events that belong to no run (without one). */
    private record Pending(
            Optional<DialogueRecord> dialogue, List<AuditRecord> audits, CompletableFuture<List<AuditRecord>> done) {
        /** What the caller is recording, for messages: {@code run <id>} or {@code audit events}. */
        String runId() {
            return dialogue.map(d -> "run " + d.runId()).orElse("audit events");
        }
    }
}
