package com.astradesk.core.store.postgres;

import com.astradesk.core.StoreException;
import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.OutboxMessage;
import com.astradesk.core.store.postgres.internal.AuditJdbi;
import com.astradesk.core.store.postgres.internal.PgErrors;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The audit outbox in table {@code outbox} (written by the Postgres run journal in the run's transaction).
 * {@link #drain} holds a batch with {@code SELECT ... FOR UPDATE SKIP LOCKED} while it is published, so several
 * relays (one per API replica) never send the same row at the same time, then deletes the acknowledged rows
 * (the event stays in {@code audits}) with one {@code DELETE} and counts an attempt on the others with one
 * {@code UPDATE}. Thread-safe.
 */
public final class PostgresAuditOutbox implements AuditOutbox, AutoCloseable {
    /** The outbox topic of audit events. */
    public static final String AUDIT_TOPIC = "astradesk.audit";

    private final AuditJdbi db;
    private final Jdbi jdbi;

    private PostgresAuditOutbox(AuditJdbi db) {
        this.db = db;
        this.jdbi = db.jdbi();
    }

    /**
     * Opens its own small pool (2 connections) on {@code config}; never migrates.
     *
     * @throws com.astradesk.core.StoreUnavailableException when the database does not answer
     */
    public static PostgresAuditOutbox open(PostgresConfig config) {
        return new PostgresAuditOutbox(AuditJdbi.open(config, "astradesk-audit-relay", 2));
    }

    /** Closes the pool when this object opened it. Idempotent. */
    @Override
    public void close() {
        db.close();
    }

    /** An outbox over {@code dataSource} (the schema must be migrated). */
    public static PostgresAuditOutbox create(DataSource dataSource) {
        return new PostgresAuditOutbox(AuditJdbi.over(dataSource));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException naming {@value PostgresStores#NAME} when the database fails; nothing is marked
     */
    @Override
    public int drain(int limit, Function<List<OutboxMessage>, Collection<Long>> publisher) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        try {
            return jdbi.inTransaction(h -> {
                List<OutboxMessage> batch = h.createQuery("SELECT id, message_id, payload::text AS payload FROM outbox"
                                + " WHERE published_at IS NULL AND topic = :topic"
                                + " ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
                        .bind("topic", AUDIT_TOPIC)
                        .bind("limit", limit)
                        .map((rs, ctx) -> new OutboxMessage(
                                rs.getLong("id"), rs.getString("message_id"), rs.getString("payload")))
                        .list();
                if (batch.isEmpty()) {
                    return 0;
                }
                Set<Long> all = new HashSet<>(batch.size() * 2);
                batch.forEach(m -> all.add(m.id()));
                Set<Long> acked = new HashSet<>(publisher.apply(List.copyOf(batch)));
                acked.retainAll(all);
                all.removeAll(acked);
                // acknowledged rows are deleted (the audits table keeps the event): far cheaper than an UPDATE,
                // which rewrites every index entry, and the table stays small
                if (!acked.isEmpty()) {
                    h.createUpdate("DELETE FROM outbox WHERE id = ANY(:ids)")
                            .bindArray("ids", Long.class, acked)
                            .execute();
                }
                if (!all.isEmpty()) {
                    h.createUpdate("UPDATE outbox SET attempts = attempts + 1, last_error = 'not acknowledged'"
                                    + " WHERE id = ANY(:ids)")
                            .bindArray("ids", Long.class, all)
                            .execute();
                }
                return acked.size();
            });
        } catch (JdbiException e) {
            throw PgErrors.translate("draining the audit outbox", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException when the database fails
     */
    @Override
    public long pendingCount() {
        try {
            return jdbi.withHandle(
                    h -> h.createQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL AND topic = :topic")
                            .bind("topic", AUDIT_TOPIC)
                            .mapTo(Long.class)
                            .one());
        } catch (JdbiException e) {
            throw PgErrors.translate("counting the audit outbox backlog", e);
        }
    }
}
