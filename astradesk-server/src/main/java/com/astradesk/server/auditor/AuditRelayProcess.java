package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.AuditOutboxRelay;
import com.astradesk.core.audit.InMemoryAuditOutbox;
import com.astradesk.core.audit.InProcessAuditBus;
import com.astradesk.core.audit.RelayConfig;
import com.astradesk.core.store.nats.JetStreamAuditPublisher;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.postgres.PostgresAuditOutbox;
import com.astradesk.core.store.postgres.PostgresConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server's side of the audit pipeline (when {@code NATS_URL} is set): an {@link AuditOutboxRelay} from
 * the outbox to JetStream. With {@code DATABASE_URL} the outbox is the {@code outbox} table the run journal
 * writes in each run's transaction; without it, an in-memory outbox fed by the in-process bus (events survive
 * a NATS outage, not a restart of the process). Runs never wait for NATS. Thread-safe; close it on shutdown.
 *
 * <pre>{@code
 * AuditRelayProcess relay = AuditRelayProcess.start(pgConfig, NatsAuditConfig.defaults(natsUrl));
 * Gauge.builder("astradesk_audit_outbox_backlog", relay, AuditRelayProcess::backlog).register(registry);
 * }</pre>
 */
public final class AuditRelayProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRelayProcess.class);

    private final AuditOutboxRelay relay;
    private final JetStreamAuditPublisher publisher;
    private final List<AutoCloseable> owned;

    private AuditRelayProcess(AuditOutboxRelay relay, JetStreamAuditPublisher publisher, List<AutoCloseable> owned) {
        this.relay = relay;
        this.publisher = publisher;
        this.owned = owned;
    }

    /**
     * Relays the Postgres outbox to JetStream.
     *
     * @throws com.astradesk.core.StoreUnavailableException when the database does not answer
     * @throws com.astradesk.core.store.nats.NatsUnavailableException when the NATS client cannot be set up
     *     (an unreachable server is not an error: the relay waits for it)
     */
    public static AuditRelayProcess start(PostgresConfig database, NatsAuditConfig nats) {
        PostgresAuditOutbox outbox = PostgresAuditOutbox.open(database);
        try {
            return start(outbox, nats, List.of(outbox));
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
    }

    /**
     * Relays events published on {@code bus} (embedded stores) to JetStream through an in-memory outbox.
     *
     * @throws com.astradesk.core.store.nats.NatsUnavailableException when the NATS client cannot be set up
     */
    public static AuditRelayProcess startInMemory(InProcessAuditBus bus, NatsAuditConfig nats) {
        InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
        bus.subscribe(record -> outbox.enqueue(List.of(record)));
        return start(outbox, nats, List.of());
    }

    private static AuditRelayProcess start(AuditOutbox outbox, NatsAuditConfig nats, List<AutoCloseable> owned) {
        JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(nats);
        AuditOutboxRelay relay = AuditOutboxRelay.start(outbox, publisher, RelayConfig.defaults());
        LOG.info("audit relay: outbox -> {} on {}", nats.subject(), nats.url());
        return new AuditRelayProcess(relay, publisher, owned);
    }

    /** Events waiting in the outbox ({@code astradesk_audit_outbox_backlog}). */
    public long backlog() {
        return relay.backlog();
    }

    /** Events relayed since start. */
    public long sentCount() {
        return relay.sentCount();
    }

    /** Whether NATS is connected (for readiness; runs succeed either way). */
    public boolean natsConnected() {
        return publisher.isConnected();
    }

    @Override
    public void close() {
        relay.close();
        publisher.close();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {} failed", c, e);
            }
        }
    }
}
