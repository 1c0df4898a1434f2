package com.astradesk.core.store.postgres;

import com.astradesk.core.StoreException;
import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.OutboxClaim;
import com.astradesk.core.audit.OutboxMessage;
import com.astradesk.core.store.postgres.internal.AuditJdbi;
import com.astradesk.core.store.postgres.internal.PgErrors;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The audit outbox in table {@code outbox} (written by the Postgres run journal in the run's transaction).
 * A {@linkplain #claim claim} holds its batch with {@code SELECT ... FOR UPDATE SKIP LOCKED} in its own
 * transaction while it is published, so several relays (one per API replica) never send the same row at the
 * same time and one relay can keep several batches in flight; completing it deletes the acknowledged rows (the
 * event stays in {@code audits}) with one {@code DELETE}, counts an attempt on the others with one
 * {@code UPDATE} and commits. Thread-safe.
 */
public final class PostgresAuditOutbox implements AuditOutbox, AutoCloseable {
    /** The outbox topic of audit events. */
    public static final String AUDIT_TOPIC = "astradesk.audit";

    /** The oldest pending rows, locked; skips rows another claim holds. */
    static final String CLAIM = "SELECT id, message_id, payload::text AS payload FROM outbox"
            + " WHERE published_at IS NULL AND topic = :topic ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED";

    /**
     * Keeps {@link #CLAIM} on the pending-rows index in id order. Without it the planner, whenever the table's
     * statistics say it is small (a fresh table, or the outbox before a backlog built up: exactly when the relay
     * must catch up), reads every pending row, converts every payload and sorts them all on disk, because
     * {@code FOR UPDATE} keeps a top-N sort from applying: per batch the cost grew with the backlog (260 ms
     * instead of 28 ms for a batch of 2,000 out of 12,000 rows).
     */
    static final String CLAIM_PLAN = "SET LOCAL enable_sort = off";

    private final AuditJdbi db;
    private final Jdbi jdbi;

    private PostgresAuditOutbox(AuditJdbi db) {
        this.db = db;
        this.jdbi = db.jdbi();
    }

    /**
     * Opens its own small pool (4 connections: up to three claims in flight plus the backlog gauge) on
     * {@code config}; never migrates.
     *
     * @throws com.astradesk.core.StoreUnavailableException when the database does not answer
     */
    public static PostgresAuditOutbox open(PostgresConfig config) {
        return new PostgresAuditOutbox(AuditJdbi.open(config, "astradesk-audit-relay", 4));
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
     * <p>Holds a pooled connection and an open transaction (the rows locked {@code FOR UPDATE SKIP LOCKED})
     * until the claim ends: keep the number of open claims below the pool size.
     *
     * @throws StoreException naming {@value PostgresStores#NAME} when the database fails
     */
    @Override
    public OutboxClaim claim(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        Handle h = null;
        try {
            h = jdbi.open();
            h.begin();
            h.execute(CLAIM_PLAN);
            List<OutboxMessage> batch = h.createQuery(CLAIM)
                    .bind("topic", AUDIT_TOPIC)
                    .bind("limit", limit)
                    .map((rs, ctx) ->
                            new OutboxMessage(rs.getLong("id"), rs.getString("message_id"), rs.getString("payload")))
                    .list();
            if (batch.isEmpty()) {
                end(h, false);
                return new Claim(null, List.of());
            }
            return new Claim(h, List.copyOf(batch));
        } catch (JdbiException e) {
            if (h != null) {
                end(h, false);
            }
            throw PgErrors.translate("draining the audit outbox", e);
        }
    }

    /** Rolls back or commits, then returns the connection; a failure to roll back is not the caller's problem. */
    private static void end(Handle h, boolean commit) {
        try {
            if (commit) {
                h.commit();
            } else if (h.isInTransaction()) {
                h.rollback();
            }
        } catch (JdbiException e) {
            if (commit) {
                h.close();
                throw e;
            }
        }
        h.close();
    }

    /** Claimed rows in an open transaction on {@code handle} (null when nothing was claimed). */
    private static final class Claim implements OutboxClaim {
        private final List<OutboxMessage> messages;
        private Handle handle;
        private boolean open = true;

        Claim(Handle handle, List<OutboxMessage> messages) {
            this.handle = handle;
            this.messages = messages;
        }

        @Override
        public List<OutboxMessage> messages() {
            return messages;
        }

        @Override
        public int complete(Collection<Long> acknowledged) {
            if (!open) {
                throw new IllegalStateException("outbox claim already completed or closed");
            }
            open = false;
            if (handle == null) {
                return 0;
            }
            Handle h = handle;
            handle = null;
            Set<Long> all = new HashSet<>(messages.size() * 2);
            messages.forEach(m -> all.add(m.id()));
            Set<Long> acked = new HashSet<>(acknowledged);
            acked.retainAll(all);
            all.removeAll(acked);
            try {
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
                end(h, true);
                return acked.size();
            } catch (JdbiException e) {
                end(h, false);
                throw PgErrors.translate("marking relayed audit outbox rows", e);
            }
        }

        @Override
        public void close() {
            open = false;
            Handle h = handle;
            handle = null;
            if (h != null) {
                end(h, false);
            }
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
