package com.astradesk.core.store.postgres;

import com.astradesk.core.StoreException;
import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.OutboxClaim;
import com.astradesk.core.audit.OutboxMessage;
import com.astradesk.core.store.postgres.internal.AuditJdbi;
import com.astradesk.core.store.postgres.internal.PgErrors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The audit outbox in table {@code outbox} (written by the Postgres run journal with the run). Since V9 one row
 * covers a written batch of audit records by their id range in {@code audits} (no copy of the payloads); rows
 * written before V9 carry one event each, with its payload, and are still relayed. A message's
 * {@linkplain OutboxMessage#id() id} is the event's audit row id (its outbox row id for a pre-V9 row).
 *
 * <p>A {@linkplain #claim claim} locks whole rows with {@code FOR UPDATE SKIP LOCKED} in its own transaction while
 * they are published (function {@code outbox_claim}, one round trip, the events read along the primary key of
 * {@code audits}), so several relays (one per API replica) never send the same event at the same time and one relay
 * can keep several claims in flight. When the oldest row alone holds more than the claim's limit, the claim first
 * splits it (committed, so the rest is free for other claims at once) and takes the first part. Completing a claim
 * deletes the rows whose events were all acknowledged (the events stay in {@code audits}), counts an attempt on the
 * rows of which none was, and replaces a partly acknowledged row by rows for the runs of its unacknowledged events
 * (with the attempt counted; they go to the back of the queue); one commit. Thread-safe.
 */
public final class PostgresAuditOutbox implements AuditOutbox, AutoCloseable {
    /** The outbox topic of audit events. */
    public static final String AUDIT_TOPIC = "astradesk.audit";

    /**
     * The oldest pending rows, locked, expanded into events (V9's {@code outbox_claim}: it skips rows another claim
     * holds and keeps its walk on the pending-rows index in id order — without {@code enable_sort = off} the planner,
     * whenever the table's statistics say it is small, would read and sort every pending row first).
     */
    static final String CLAIM = "SELECT row_id, row_first, row_attempts, seq, message_id, payload, partial"
            + " FROM outbox_claim(:topic, :limit)";

    /** Pending events: one per pre-V9 row, the audit rows in its range for a V9 row. */
    static final String PENDING = "SELECT coalesce(sum(CASE WHEN o.first_audit_id IS NULL THEN 1 ELSE (SELECT count(*)"
            + " FROM audits a WHERE a.id BETWEEN o.first_audit_id AND o.last_audit_id) END), 0)"
            + " FROM outbox o WHERE o.published_at IS NULL AND o.topic = :topic";

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
            Claimed claimed = read(h, limit);
            if (claimed.split != null) {
                // the oldest row holds more than the limit: split it and commit, so that its rest is free for other
                // claims at once, then lock the first part again (another claim may have taken it meanwhile)
                Row first = claimed.split;
                long cut = claimed.messages.get(claimed.messages.size() - 1).id();
                h.createUpdate(
                                "INSERT INTO outbox (topic, first_audit_id, last_audit_id, attempts, last_error)"
                                        + " SELECT topic, :from, last_audit_id, attempts, last_error FROM outbox WHERE id = :id")
                        .bind("from", cut + 1)
                        .bind("id", first.id)
                        .execute();
                h.createUpdate("UPDATE outbox SET last_audit_id = :cut WHERE id = :id")
                        .bind("cut", cut)
                        .bind("id", first.id)
                        .execute();
                h.commit();
                h.begin();
                boolean held = h.createQuery("SELECT id FROM outbox WHERE id = :id AND first_audit_id = :first"
                                + " AND last_audit_id = :cut AND published_at IS NULL FOR UPDATE SKIP LOCKED")
                        .bind("id", first.id)
                        .bind("first", first.first)
                        .bind("cut", cut)
                        .mapTo(Long.class)
                        .findOne()
                        .isPresent();
                if (!held) {
                    end(h, false);
                    return new Claim(null, List.of(), List.of());
                }
            }
            if (claimed.messages.isEmpty()) {
                // nothing to send; ranges whose audit rows are all gone (the ids of a failed batch) are dropped
                if (!claimed.rows.isEmpty()) {
                    h.createUpdate("DELETE FROM outbox WHERE id = ANY(:ids)")
                            .bindArray(
                                    "ids",
                                    Long.class,
                                    claimed.rows.stream().map(r -> r.id).toList())
                            .execute();
                }
                end(h, true);
                return new Claim(null, List.of(), List.of());
            }
            return new Claim(h, List.copyOf(claimed.messages), claimed.rows);
        } catch (JdbiException e) {
            if (h != null) {
                end(h, false);
            }
            throw PgErrors.translate("draining the audit outbox", e);
        }
    }

    /** The claimed rows and their events, from {@link #CLAIM}; {@code split} is the row to split, if any. */
    private record Claimed(List<Row> rows, List<OutboxMessage> messages, Row split) {}

    /** One line of {@link #CLAIM}: an event of a row, or a marker (no {@code seq}) for an empty or split row. */
    private record Line(
            long rowId, Long first, int attempts, Long seq, String messageId, String payload, boolean partial) {}

    private static Claimed read(Handle h, int limit) {
        List<Line> lines = h.createQuery(CLAIM)
                .bind("topic", AUDIT_TOPIC)
                .bind("limit", limit)
                .map((rs, ctx) -> new Line(
                        rs.getLong("row_id"),
                        rs.getObject("row_first", Long.class),
                        rs.getInt("row_attempts"),
                        rs.getObject("seq", Long.class),
                        rs.getString("message_id"),
                        rs.getString("payload"),
                        rs.getBoolean("partial")))
                .list();
        Map<Long, Row> rows = new LinkedHashMap<>();
        List<OutboxMessage> messages = new ArrayList<>(lines.size());
        Row split = null;
        for (Line l : lines) {
            Row row = rows.computeIfAbsent(l.rowId(), id -> new Row(id, l.first(), l.attempts()));
            if (l.seq() == null) {
                split = l.partial() ? row : split;
            } else {
                row.events.add(l.seq());
                messages.add(new OutboxMessage(l.seq(), l.messageId(), l.payload()));
            }
        }
        return new Claimed(new ArrayList<>(rows.values()), messages, split);
    }

    /** A claimed outbox row: one pre-V9 event, or an id range of audit rows with the events found in it. */
    private static final class Row {
        final long id;
        final Long first;
        final int attempts;
        final List<Long> events = new ArrayList<>();

        Row(long id, Long first, int attempts) {
            this.id = id;
            this.first = first;
            this.attempts = attempts;
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
        private final List<Row> rows;
        private Handle handle;
        private boolean open = true;

        Claim(Handle handle, List<OutboxMessage> messages, List<Row> rows) {
            this.handle = handle;
            this.messages = messages;
            this.rows = rows;
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
            Set<Long> acked = new HashSet<>(acknowledged);
            List<Long> delete = new ArrayList<>();
            List<Long> retry = new ArrayList<>();
            List<Long> splitFirst = new ArrayList<>();
            List<Long> splitLast = new ArrayList<>();
            List<Integer> splitAttempts = new ArrayList<>();
            int marked = 0;
            for (Row row : rows) {
                int ackedHere = 0;
                for (Long e : row.events) {
                    if (acked.contains(e)) {
                        ackedHere++;
                    }
                }
                marked += ackedHere;
                if (ackedHere == row.events.size()) {
                    delete.add(row.id); // every event sent (or, for an empty range, none left to send)
                } else if (ackedHere == 0) {
                    retry.add(row.id);
                } else {
                    // exactly the unacknowledged events stay pending: one row per run of them, in order
                    delete.add(row.id);
                    Long runFirst = null;
                    Long runLast = null;
                    for (Long e : row.events) {
                        if (!acked.contains(e)) {
                            runFirst = runFirst == null ? e : runFirst;
                            runLast = e;
                        } else if (runFirst != null) {
                            splitFirst.add(runFirst);
                            splitLast.add(runLast);
                            splitAttempts.add(row.attempts + 1);
                            runFirst = null;
                        }
                    }
                    if (runFirst != null) {
                        splitFirst.add(runFirst);
                        splitLast.add(runLast);
                        splitAttempts.add(row.attempts + 1);
                    }
                }
            }
            try {
                // acknowledged rows are deleted (the audits table keeps the event): far cheaper than an UPDATE,
                // which rewrites every index entry, and the table stays small
                if (!delete.isEmpty()) {
                    h.createUpdate("DELETE FROM outbox WHERE id = ANY(:ids)")
                            .bindArray("ids", Long.class, delete)
                            .execute();
                }
                if (!retry.isEmpty()) {
                    h.createUpdate("UPDATE outbox SET attempts = attempts + 1, last_error = 'not acknowledged'"
                                    + " WHERE id = ANY(:ids)")
                            .bindArray("ids", Long.class, retry)
                            .execute();
                }
                if (!splitFirst.isEmpty()) {
                    h.createUpdate("INSERT INTO outbox (topic, first_audit_id, last_audit_id, attempts, last_error)"
                                    + " SELECT :topic, f, l, n, 'not acknowledged'"
                                    + " FROM unnest(:first, :last, :attempts) AS t(f, l, n)")
                            .bind("topic", AUDIT_TOPIC)
                            .bindArray("first", Long.class, splitFirst)
                            .bindArray("last", Long.class, splitLast)
                            .bindArray("attempts", Integer.class, splitAttempts)
                            .execute();
                }
                end(h, true);
                return marked;
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
            return jdbi.withHandle(h -> h.createQuery(PENDING)
                    .bind("topic", AUDIT_TOPIC)
                    .mapTo(Long.class)
                    .one());
        } catch (JdbiException e) {
            throw PgErrors.translate("counting the audit outbox backlog", e);
        }
    }
}
