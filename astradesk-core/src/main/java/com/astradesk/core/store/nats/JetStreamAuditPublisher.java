package com.astradesk.core.store.nats;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTransport;
import com.astradesk.core.audit.OutboxMessage;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes audit events to NATS JetStream (stream {@code ASTRADESK_AUDIT}, subject {@code astradesk.audit})
 * with {@code Nats-Msg-Id} = event id, so the stream drops a re-sent event within its dedup window; an outbox message
 * also carries its outbox id ({@link com.astradesk.core.audit.OutboxMessage#id()}: the audit row id for the Postgres
 * outbox) in {@link #OUTBOX_ID_HEADER}, by which the Auditor's archive finds an event the relay sent
 * again after the window (a relay that was away longer than the window). Each send
 * completes on the PubAck. While the server is away the connection keeps reconnecting in the background and
 * sends fail fast with {@link NatsUnavailableException} (nothing is buffered), so the outbox keeps the
 * events until they are acknowledged. The stream is created or updated idempotently on first use.
 *
 * <p>Thread-safe. Close it to drop the connection.
 */
public final class JetStreamAuditPublisher implements AuditPublisher, AuditTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamAuditPublisher.class);

    /**
     * The header carrying the outbox id of a relayed message (decimal; {@link
     * com.astradesk.core.audit.OutboxMessage#id()}, unique per event and the same on every send); absent on direct
     * publishes.
     */
    public static final String OUTBOX_ID_HEADER = "Astradesk-Outbox-Id";

    private final NatsAuditConfig config;
    private volatile Connection connection;
    private volatile JetStream jetStream;
    private volatile boolean streamReady;
    private volatile boolean closed;

    private JetStreamAuditPublisher(NatsAuditConfig config) {
        this.config = config;
    }

    private void attach(Connection established) throws IOException {
        this.jetStream = established.jetStream();
        this.connection = established;
        if (closed) {
            close();
        }
    }

    /**
     * Connects to {@code config.url()}. When the server is down the connection is still returned and keeps
     * trying in the background; sends fail until it is up.
     *
     * @throws NatsUnavailableException when the client cannot be set up (bad URL, interrupted)
     */
    public static JetStreamAuditPublisher connect(NatsAuditConfig config) {
        Objects.requireNonNull(config, "config");
        Slf4jNatsListener listener = new Slf4jNatsListener(JetStreamAuditPublisher.class.getName());
        Options options;
        try {
            options = new Options.Builder()
                    .server(config.url())
                    .connectionName("astradesk-audit-publisher")
                    .maxReconnects(-1)
                    .reconnectWait(config.reconnectWait())
                    .connectionTimeout(config.connectionTimeout())
                    .reconnectBufferSize(0)
                    .errorListener(listener)
                    .connectionListener(listener)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new NatsUnavailableException(config.url(), "cannot set up the NATS connection", e);
        }
        // The first connection attempt loops until the server answers, so it runs off the caller's thread:
        // a server that starts while NATS is down must not wait for it.
        JetStreamAuditPublisher publisher = new JetStreamAuditPublisher(config);
        CountDownLatch attached = new CountDownLatch(1);
        Thread connector = new Thread(
                () -> {
                    try {
                        publisher.attach(Nats.connectReconnectOnConnect(options));
                        attached.countDown();
                    } catch (IOException | RuntimeException e) {
                        LOG.error("NATS connection to {} could not be set up: {}", config.url(), e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "astradesk-nats-connect");
        connector.setDaemon(true);
        connector.start();
        try {
            // the usual case (server up) returns connected; otherwise the caller goes on and sends fail until then
            attached.await(config.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsUnavailableException(config.url(), "interrupted while connecting to NATS", e);
        }
        return publisher;
    }

    /** Whether the connection is currently up. */
    public boolean isConnected() {
        Connection c = connection;
        return c != null && c.getStatus() == Connection.Status.CONNECTED;
    }

    /**
     * Sends one outbox message; the future completes on the PubAck and fails with
     * {@link NatsUnavailableException} when the server is away or refuses the message.
     */
    @Override
    public CompletableFuture<Void> send(OutboxMessage message) {
        return publishAsync(
                message.messageId(),
                message.payload(),
                new Headers().put(OUTBOX_ID_HEADER, Long.toString(message.id())));
    }

    /** Publishes one chained record; the future completes on the PubAck. */
    public CompletableFuture<Void> publishAsync(AuditRecord record) {
        return publishAsync(record.eventId(), AuditEvents.toJson(record), null);
    }

    /** Publishes without waiting; a failure is logged (use the outbox and relay when loss is unacceptable). */
    @Override
    public void publish(AuditRecord record) {
        publishAsync(record).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("audit event {} not published: {}", record.eventId(), e.toString());
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Void> publishAsync(String eventId, String payload, Headers headers) {
        if (!isConnected()) {
            return CompletableFuture.failedFuture(
                    new NatsUnavailableException(config.url(), "NATS is not connected", null));
        }
        try {
            ensureStream();
            PublishOptions options = PublishOptions.builder()
                    .messageId(eventId)
                    .expectedStream(config.stream())
                    .build();
            return jetStream
                    .publishAsync(config.subject(), headers, payload.getBytes(StandardCharsets.UTF_8), options)
                    .thenApply(ack -> null);
        } catch (IOException | JetStreamApiException | IllegalStateException e) {
            return CompletableFuture.failedFuture(
                    new NatsUnavailableException(config.url(), "JetStream publish failed", e));
        }
    }

    private void ensureStream() throws IOException, JetStreamApiException {
        if (!streamReady) {
            synchronized (this) {
                if (!streamReady) {
                    AuditStreams.ensure(connection.jetStreamManagement(), config);
                    streamReady = true;
                }
            }
        }
    }
}
