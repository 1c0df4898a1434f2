package com.astradesk.core.audit;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves audit events from an {@link AuditOutbox} to the bus through an {@link AuditTransport}: batches are
 * published asynchronously, and only the rows whose acknowledgement arrived are marked sent (one update per
 * batch). When nothing of a batch is acknowledged (bus down), the relay backs off exponentially (Failsafe)
 * and retries; the backlog drains when the bus returns. Downstream deduplicates on the event id, so a row
 * sent but not marked (crash between ack and update) is harmless.
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
     * Publishes one batch and marks the acknowledged rows sent.
     *
     * @return how many rows were marked sent (0 when the outbox is empty)
     * @throws AuditRelayException when the batch was not empty but nothing was acknowledged
     */
    public int drainOnce() {
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        int[] batchSize = {0};
        int marked = outbox.drain(config.batchSize(), batch -> {
            batchSize[0] = batch.size();
            return publish(batch, firstFailure);
        });
        if (batchSize[0] > 0 && marked == 0) {
            failedRounds.incrementAndGet();
            throw new AuditRelayException(batchSize[0], firstFailure.get());
        }
        sent.addAndGet(marked);
        if (firstFailure.get() != null) {
            LOG.warn(
                    "audit relay: {} of {} messages acknowledged, the rest stay pending: {}",
                    marked,
                    batchSize[0],
                    firstFailure.get().toString());
        }
        return marked;
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

    private Collection<Long> publish(List<OutboxMessage> batch, AtomicReference<Throwable> firstFailure) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxMessage m : batch) {
            CompletableFuture<Void> f;
            try {
                f = transport.send(m);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            acks.add(f.orTimeout(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.ackTimeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // some acknowledgements failed or are late: those rows stay pending
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Long> acked = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<Void> f = acks.get(i);
            if (f.isDone() && !f.isCompletedExceptionally()) {
                acked.add(batch.get(i).id());
            } else if (firstFailure.get() == null) {
                firstFailure.set(f.handle((v, e) -> e).getNow(new TimeoutException("no acknowledgement yet")));
            }
        }
        return acked;
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
                        String.valueOf(e.getLastException())))
                .build();
        while (running) {
            try {
                int n = Failsafe.with(backoff).get(this::drainOnce);
                if (n < config.batchSize()) {
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
    }

    private String safeBacklog() {
        try {
            return Long.toString(backlog());
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
