package com.astradesk.core.audit;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves audit events from an {@link AuditOutbox} to the bus through an {@link AuditTransport}: batches are
 * published asynchronously, and only the rows whose acknowledgement arrived are marked sent (one statement per
 * batch). The background thread keeps up to {@link RelayConfig#inFlightBatches()} batches in flight: it claims
 * and publishes the next batch while the oldest waits for its acknowledgements, so reading the outbox, the
 * bus round trip and marking overlap instead of taking turns. When nothing of a batch is acknowledged (bus
 * down), the relay settles what is in flight, backs off exponentially (Failsafe) and retries; the backlog
 * drains when the bus returns. Downstream deduplicates on the event id, so a row sent but not marked (crash
 * between ack and commit) is harmless.
 *
 * <p>Thread-safe. {@link #start} runs one daemon thread; {@link #drainOnce} may also be called directly.
 */
public final class AuditOutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditOutboxRelay.class);

    private final AuditOutbox outbox;
    private final AuditTransport transport;
    private final RelayConfig config;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedRounds = new AtomicLong();
    private volatile boolean running;
    private volatile Thread worker;

    private AuditOutboxRelay(AuditOutbox outbox, AuditTransport transport, RelayConfig config) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A relay that is not running; call {@link #drainOnce} or {@link #start()}. */
    public static AuditOutboxRelay create(AuditOutbox outbox, AuditTransport transport, RelayConfig config) {
        return new AuditOutboxRelay(outbox, transport, config);
    }

    /** Creates a relay and starts its background thread. */
    public static AuditOutboxRelay start(AuditOutbox outbox, AuditTransport transport, RelayConfig config) {
        AuditOutboxRelay relay = create(outbox, transport, config);
        relay.start();
        return relay;
    }

    /**
     * Starts the background thread (once).
     *
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (worker != null) {
            throw new IllegalStateException("audit outbox relay already started");
        }
        running = true;
        Thread t = new Thread(this::loop, "astradesk-audit-relay");
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    /**
     * Publishes one batch and marks the acknowledged rows sent (one batch in flight, whatever the config says).
     *
     * @return how many rows were marked sent (0 when the outbox is empty)
     * @throws AuditRelayException when the batch was not empty but nothing was acknowledged
     */
    public int drainOnce() {
        InFlight batch = publishNext();
        return batch == null ? 0 : settle(batch);
    }

    /** Rows waiting in the outbox (for metrics). */
    public long backlog() {
        return outbox.pendingCount();
    }

    /** Rows this relay has marked sent since it was created. */
    public long sentCount() {
        return sent.get();
    }

    /** Rounds in which nothing was acknowledged (bus or store down). */
    public long failedRounds() {
        return failedRounds.get();
    }

    /** Stops the background thread and waits for it (up to the ack timeout plus one second). */
    @Override
    public void close() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(config.ackTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A published batch waiting for its acknowledgements; completed or closed exactly once. */
    private record InFlight(OutboxClaim claim, List<CompletableFuture<Void>> acks, long deadlineNanos) {
        int size() {
            return acks.size();
        }
    }

    /** Claims the next batch and publishes it; null when nothing is pending. */
    private InFlight publishNext() {
        OutboxClaim claim = outbox.claim(config.batchSize());
        List<OutboxMessage> batch = claim.messages();
        if (batch.isEmpty()) {
            claim.close();
            return null;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxMessage m : batch) {
            CompletableFuture<Void> f;
            try {
                f = transport.send(m);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            acks.add(f);
        }
        // one deadline per batch, not a timer per message
        return new InFlight(claim, acks, System.nanoTime() + config.ackTimeout().toNanos());
    }

    /**
     * Waits for the batch's acknowledgements (until its deadline), marks the acknowledged rows and releases the
     * rest.
     *
     * @throws AuditRelayException when nothing was acknowledged
     */
    private int settle(InFlight batch) {
        List<Long> acked = new ArrayList<>(batch.size());
        Throwable firstFailure;
        try {
            firstFailure = awaitAcks(batch, acked);
        } catch (RuntimeException e) {
            batch.claim().close();
            throw e;
        }
        int marked;
        try {
            marked = batch.claim().complete(acked);
        } finally {
            batch.claim().close();
        }
        if (marked == 0) {
            failedRounds.incrementAndGet();
            throw new AuditRelayException(batch.size(), firstFailure);
        }
        sent.addAndGet(marked);
        if (firstFailure != null) {
            LOG.warn(
                    "audit relay: {} of {} messages acknowledged, the rest stay pending: {}",
                    marked,
                    batch.size(),
                    firstFailure.toString());
        }
        return marked;
    }

    /** Collects the ids of the acknowledged messages into {@code acked}; returns the first failure, if any. */
    private static Throwable awaitAcks(InFlight batch, List<Long> acked) {
        long wait = batch.deadlineNanos() - System.nanoTime();
        try {
            CompletableFuture.allOf(batch.acks().toArray(CompletableFuture[]::new))
                    .get(Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // some acknowledgements failed or are late: those rows stay pending
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable firstFailure = null;
        List<OutboxMessage> messages = batch.claim().messages();
        for (int i = 0; i < messages.size(); i++) {
            CompletableFuture<Void> f = batch.acks().get(i);
            if (f.isDone() && !f.isCompletedExceptionally()) {
                acked.add(messages.get(i).id());
            } else if (firstFailure == null) {
                firstFailure = f.handle((v, e) -> e).getNow(new TimeoutException("no acknowledgement yet"));
            }
        }
        return firstFailure;
    }

    /**
     * One round of the background thread: tops the window up to {@link RelayConfig#inFlightBatches()} batches,
     * then settles the oldest.
     *
     * @return rows marked sent, or -1 when nothing is pending and nothing is in flight
     */
    private int pump(ArrayDeque<InFlight> window) {
        while (window.size() < config.inFlightBatches()) {
            InFlight next = publishNext();
            if (next == null) {
                break;
            }
            window.add(next);
            if (next.size() < config.batchSize()) {
                break; // caught up: what is left arrived after this claim
            }
        }
        InFlight oldest = window.poll();
        if (oldest == null) {
            return -1;
        }
        try {
            return settle(oldest);
        } catch (RuntimeException e) {
            settleAll(window); // the bus or the store is down: release the rest before backing off
            throw e;
        }
    }

    /** Settles every batch in flight, each with what was acknowledged by its deadline; never throws. */
    private void settleAll(ArrayDeque<InFlight> window) {
        boolean interrupted = Thread.interrupted();
        InFlight batch;
        while ((batch = window.poll()) != null) {
            try {
                settle(batch);
            } catch (RuntimeException e) {
                LOG.debug("audit relay: batch in flight not settled: {}", e.toString());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        RetryPolicy<Integer> backoff = RetryPolicy.<Integer>builder()
                .handle(RuntimeException.class)
                .withBackoff(config.minBackoff(), config.maxBackoff())
                .withJitter(0.1)
                .withMaxRetries(-1)
                .onRetry(e -> LOG.warn(
                        "audit relay: bus or outbox unavailable (attempt {}), backlog {}: {}",
                        e.getAttemptCount(),
                        safeBacklog(),
                        describe(e.getLastException())))
                .build();
        ArrayDeque<InFlight> window = new ArrayDeque<>(config.inFlightBatches());
        try {
            while (running) {
                try {
                    int n = Failsafe.with(backoff).get(() -> pump(window));
                    if (n < 0) {
                        Thread.sleep(config.pollInterval().toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (FailsafeException e) {
                    if (!running || e.getCause() instanceof InterruptedException) {
                        return;
                    }
                    LOG.error("audit relay round failed", e);
                }
            }
        } finally {
            // stopping: mark what the bus acknowledged so far instead of sending it again after a restart
            settleAll(window);
        }
    }

    /**
     * The failure and, when it differs, its root cause's message (e.g. JetStream's "subjects overlap with an existing
     * stream"), which the wrapping exceptions would otherwise hide from the log.
     */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + "; cause: " + root;
    }

    private String safeBacklog() {
        try {
            return Long.toString(backlog());
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
