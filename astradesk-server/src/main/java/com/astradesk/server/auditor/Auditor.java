package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditEventFormatException;
import com.astradesk.core.store.nats.AuditStreams;
import com.astradesk.core.store.nats.JetStreamAuditPublisher;
import com.astradesk.core.store.nats.NatsUnavailableException;
import com.astradesk.core.store.nats.Slf4jNatsListener;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Auditor: a durable pull consumer of the audit stream that writes every batch to all sinks at once and
 * acknowledges an event only after every sink has stored it. A sink failure NAKs the event with a growing delay
 * (it comes back later, nothing is lost); a message that is not a v1 audit event (poison) is copied to the
 * dead-letter subject and then acknowledged. A crash before the ack makes the server re-deliver after the
 * ack wait; the sinks are idempotent on the event id, so every event ends up exactly once in each.
 *
 * <p>Thread-safe: {@link #start} runs the worker threads; {@link #processBatch} may be called directly
 * instead (tests, one-shot runs). Close it to stop.
 */
public final class Auditor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);

    private final AuditorConfig config;
    private final List<AuditArchiveSink> sinks;
    private final AlertEvaluator alerts;
    private final Connection connection;
    private final JetStream jetStream;
    private final List<JetStreamSubscription> subscriptions = new ArrayList<>();
    private final ExecutorService sinkWriters;
    private final ScheduledExecutorService progress;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong nacked = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile Duration lastLag = Duration.ZERO;
    private volatile boolean running;
    private final List<Thread> workers = new ArrayList<>();

    private Auditor(AuditorConfig config, List<AuditArchiveSink> sinks, AlertEvaluator alerts, Connection connection)
            throws IOException, JetStreamApiException {
        this.config = config;
        this.sinks = List.copyOf(sinks);
        this.alerts = alerts;
        this.connection = connection;
        this.sinkWriters = Executors.newFixedThreadPool(this.sinks.size(), r -> {
            Thread t = new Thread(r, "astradesk-auditor-sink");
            t.setDaemon(true);
            return t;
        });
        this.progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "astradesk-auditor-progress");
            t.setDaemon(true);
            return t;
        });
        AuditStreams.ensure(connection.jetStreamManagement(), config.nats());
        this.jetStream = connection.jetStream();
        // max ack pending must cover every worker's batch, or a fetch waits for the others' acks (server default 1000)
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .durable(config.durable())
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(config.ackWait())
                .maxDeliver(-1)
                .maxAckPending(2L * config.batchSize() * config.workers())
                .filterSubject(config.nats().subject())
                .build();
        connection.jetStreamManagement().addOrUpdateConsumer(config.nats().stream(), consumer);
        // one pull subscription per worker, all bound to the durable: the server spreads the messages over them
        for (int i = 0; i < config.workers(); i++) {
            subscriptions.add(jetStream.subscribe(
                    config.nats().subject(), PullSubscribeOptions.bind(config.nats().stream(), config.durable())));
        }
    }

    /**
     * Connects to NATS, makes sure the stream and the durable consumer exist, and binds to the consumer.
     *
     * @throws NatsUnavailableException when NATS cannot be reached or refuses the setup
     */
    public static Auditor connect(AuditorConfig config, List<AuditArchiveSink> sinks, AlertEvaluator alerts) {
        Objects.requireNonNull(config, "config");
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("the Auditor needs at least one sink");
        }
        Slf4jNatsListener listener = new Slf4jNatsListener(Auditor.class.getName());
        Options options = new Options.Builder()
                .server(config.nats().url())
                .connectionName("astradesk-auditor")
                .maxReconnects(-1)
                .reconnectWait(config.nats().reconnectWait())
                .connectionTimeout(config.nats().connectionTimeout())
                .errorListener(listener)
                .connectionListener(listener)
                .build();
        Connection nc = null;
        try {
            nc = Nats.connect(options);
            return new Auditor(config, sinks, alerts, nc);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            closeQuietly(nc);
            throw new NatsUnavailableException(config.nats().url(), "cannot set up the audit consumer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(nc);
            throw new NatsUnavailableException(config.nats().url(), "interrupted while connecting", e);
        }
    }

    /**
     * Starts the {@linkplain AuditorConfig#workers() worker threads}, each on its own pull subscription: fetch,
     * write to the sinks, ack; each backs off while NATS is away.
     */
    public synchronized void start() {
        if (!workers.isEmpty()) {
            throw new IllegalStateException("Auditor already started");
        }
        running = true;
        for (JetStreamSubscription sub : subscriptions) {
            Thread t = new Thread(
                    () -> loop(sub), workers.isEmpty() ? "astradesk-auditor" : "astradesk-auditor-" + workers.size());
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /**
     * Fetches one batch (waiting up to the fetch wait), writes it to every sink and settles each message.
     *
     * @return how many messages were acknowledged (stored everywhere or dead-lettered)
     */
    public int processBatch() {
        return processBatch(subscriptions.get(0));
    }

    @SuppressWarnings("try") // the in-progress beat runs for the try block's duration; nothing reads it
    private int processBatch(JetStreamSubscription subscription) {
        List<Message> messages = subscription.fetch(config.batchSize(), config.fetchWait());
        if (messages.isEmpty()) {
            return 0;
        }
        List<AuditEvent> events = new ArrayList<>(messages.size());
        List<Message> eventMessages = new ArrayList<>(messages.size());
        int settled = 0;
        for (Message m : messages) {
            String text = new String(m.getData(), StandardCharsets.UTF_8);
            try {
                AuditEvent event = AuditEvent.parse(text);
                events.add(m.isJetStream() ? origin(event, m) : event);
                eventMessages.add(m);
            } catch (AuditEventFormatException e) {
                settled += deadLetter(m, e) ? 1 : 0;
            }
        }
        Set<String> failed;
        // while the sinks work, tell the server the batch is in progress, so it does not re-deliver it to another
        // worker or replica after the ack wait: that one would not find the events in the sinks yet and would
        // store them a second time
        try (InProgress beat = InProgress.every(progress, config.ackWait().dividedBy(3), eventMessages)) {
            failed = writeToSinks(events);
        }
        for (int i = 0; i < events.size(); i++) {
            AuditEvent e = events.get(i);
            Message m = eventMessages.get(i);
            if (failed.contains(e.eventId())) {
                m.nakWithDelay(config.nakDelay(deliveries(m)));
                nacked.incrementAndGet();
            } else {
                alerts.evaluate(e.record());
                m.ack();
                acked.incrementAndGet();
                lastLag = Duration.between(e.record().ts(), Instant.now());
                settled++;
            }
        }
        flushAcks();
        return settled;
    }

    /**
     * Where the event came from: its stream position and delivery count, the outbox row the relay sent it from and
     * whether the stream got it late (more than half the duplicate window after its timestamp, allowing that much
     * clock skew between the writer and NATS): only then can it be a second send the stream did not drop.
     */
    private AuditEvent origin(AuditEvent event, Message m) {
        Instant stored = m.metaData().timestamp().toInstant();
        boolean late = Duration.between(event.record().ts(), stored)
                        .compareTo(config.nats().duplicateWindow().dividedBy(2))
                > 0;
        return event.delivered(m.metaData().streamSequence(), m.metaData().deliveredCount())
                .relayed(outboxId(m), late);
    }

    private static long outboxId(Message m) {
        String value = m.hasHeaders() ? m.getHeaders().getFirst(JetStreamAuditPublisher.OUTBOX_ID_HEADER) : null;
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Messages acknowledged after all sinks stored them. */
    public long ackedCount() {
        return acked.get();
    }

    /** Messages NAKed because a sink failed. */
    public long nackedCount() {
        return nacked.get();
    }

    /** Poison messages moved to the dead-letter subject. */
    public long deadLetteredCount() {
        return deadLettered.get();
    }

    /** Time from the last archived event's timestamp to its ack (end-to-end audit lag). */
    public Duration lastLag() {
        return lastLag;
    }

    /** Whether the NATS connection is up (for readiness). */
    public boolean isConnected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    /** Stops the workers (after their current batch) and closes the connection. Un-acked messages come back. */
    @Override
    public void close() {
        running = false;
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(workers);
        }
        long deadline = System.nanoTime() + (config.fetchWait().toMillis() + 10_000) * 1_000_000L;
        for (Thread t : started) {
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closeQuietly(connection);
        sinkWriters.shutdown();
        progress.shutdownNow();
    }

    /** Drops the connection at once, without settling anything: what a crash looks like to the server. */
    void abortConnection() {
        running = false;
        closeQuietly(connection);
    }

    /** Pushes the batch's acks to the server now, so a crash right after a batch cannot lose them. */
    private void flushAcks() {
        try {
            connection.flush(config.fetchWait());
        } catch (TimeoutException e) {
            LOG.warn(
                    "acks not confirmed flushed within {}; unconfirmed events will be re-delivered",
                    config.fetchWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the batch to every sink at once (each on its own thread); returns the ids some sink did not store. */
    private Set<String> writeToSinks(List<AuditEvent> events) {
        Set<String> failed = new HashSet<>();
        if (events.isEmpty()) {
            return failed;
        }
        List<CompletableFuture<Set<String>>> writes = new ArrayList<>(sinks.size());
        for (AuditArchiveSink sink : sinks) {
            writes.add(
                    sinks.size() == 1
                            ? CompletableFuture.completedFuture(writeTo(sink, events))
                            : CompletableFuture.supplyAsync(() -> writeTo(sink, events), sinkWriters));
        }
        writes.forEach(w -> failed.addAll(w.join()));
        return failed;
    }

    private static Set<String> writeTo(AuditArchiveSink sink, List<AuditEvent> events) {
        try {
            return sink.write(events);
        } catch (RuntimeException e) {
            LOG.warn("audit sink {} failed for a batch of {}: {}", sink.name(), events.size(), e.toString());
            Set<String> all = new HashSet<>();
            events.forEach(ev -> all.add(ev.eventId()));
            return all;
        }
    }

    private boolean deadLetter(Message m, AuditEventFormatException reason) {
        Headers headers = new Headers()
                .put("Astradesk-Dlq-Reason", reason.getMessage())
                .put("Astradesk-Original-Subject", m.getSubject());
        long seq = m.isJetStream() ? m.metaData().streamSequence() : -1;
        headers.put("Astradesk-Original-Sequence", Long.toString(seq));
        try {
            jetStream.publish(
                    config.nats().dlqSubject(),
                    headers,
                    m.getData(),
                    PublishOptions.builder().messageId("dlq-" + seq).build());
            m.ack();
            deadLettered.incrementAndGet();
            LOG.warn(
                    "poison audit message (stream seq {}) moved to {}: {}",
                    seq,
                    config.nats().dlqSubject(),
                    reason.getMessage());
            return true;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            m.nakWithDelay(config.nakDelay(deliveries(m)));
            nacked.incrementAndGet();
            LOG.warn("poison audit message (stream seq {}) could not be dead-lettered: {}", seq, e.toString());
            return false;
        }
    }

    private static long deliveries(Message m) {
        return m.isJetStream() ? m.metaData().deliveredCount() : 1;
    }

    private void loop(JetStreamSubscription subscription) {
        RetryPolicy<Integer> backoff = RetryPolicy.<Integer>builder()
                .handle(RuntimeException.class)
                .withBackoff(config.nakMinDelay(), config.nakMaxDelay())
                .withJitter(0.1)
                .withMaxRetries(-1)
                .abortIf((r, e) -> !running)
                .onRetry(e -> LOG.warn(
                        "Auditor round failed (attempt {}), retrying: {}",
                        e.getAttemptCount(),
                        String.valueOf(e.getLastException())))
                .build();
        while (running) {
            try {
                Failsafe.with(backoff).get(() -> processBatch(subscription));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.error("Auditor round aborted", e);
            }
        }
    }

    private static void closeQuietly(Connection nc) {
        if (nc == null) {
            return;
        }
        try {
            nc.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
