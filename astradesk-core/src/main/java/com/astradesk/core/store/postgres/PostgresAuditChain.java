package com.astradesk.core.store.postgres;

import com.astradesk.core.StoreException;
import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.store.postgres.internal.AuditJdbi;
import com.astradesk.core.store.postgres.internal.PgErrors;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Reads the hash-chained audit records of table {@code audits} in chain order (row id), streaming, for
 * {@code audit verify}: either as parsed records or as {@linkplain AuditTableRow rows} with their indexed
 * columns. Thread-safe.
 */
public final class PostgresAuditChain implements AutoCloseable {
    private static final int FETCH_SIZE = 1000;

    private final AuditJdbi db;
    private final Jdbi jdbi;

    private PostgresAuditChain(AuditJdbi db) {
        this.db = db;
        this.jdbi = db.jdbi();
    }

    /**
     * Opens its own small pool (2 connections) on {@code config}; never migrates.
     *
     * @throws com.astradesk.core.StoreUnavailableException when the database does not answer
     */
    public static PostgresAuditChain open(PostgresConfig config) {
        return new PostgresAuditChain(AuditJdbi.open(config, "astradesk-audit-verify", 2));
    }

    /** Closes the pool when this object opened it. Idempotent. */
    @Override
    public void close() {
        db.close();
    }

    /** A reader over {@code dataSource} (the schema must be migrated). */
    public static PostgresAuditChain create(DataSource dataSource) {
        return new PostgresAuditChain(AuditJdbi.over(dataSource));
    }

    /**
     * Hands every audit record to {@code consumer}, oldest first, without holding them all in memory. A row
     * whose payload is not a valid v1 event surfaces as {@link com.astradesk.core.audit.AuditEventFormatException}.
     *
     * @return how many records were read
     * @throws StoreException when the database fails
     */
    public long forEachInOrder(Consumer<AuditRecord> consumer) {
        return forEachRow(row -> consumer.accept(AuditEvents.fromJson(row.payload())));
    }

    /**
     * Hands every row of {@code audits} to {@code consumer} as stored, oldest first, without holding them all in
     * memory.
     *
     * @return how many rows were read
     * @throws StoreException when the database fails
     */
    public long forEachRow(Consumer<AuditTableRow> consumer) {
        try {
            return jdbi.inTransaction(h -> {
                long[] n = {0};
                h.createQuery("SELECT id, event_id, ts, actor, action, decision, run_id, prev_hash, hash,"
                                + " payload::text AS payload FROM audits ORDER BY id")
                        .setFetchSize(FETCH_SIZE)
                        .map((rs, ctx) -> new AuditTableRow(
                                rs.getLong("id"),
                                rs.getString("event_id"),
                                rs.getObject("ts", OffsetDateTime.class).toInstant(),
                                rs.getString("actor"),
                                rs.getString("action"),
                                rs.getString("decision"),
                                Optional.ofNullable(rs.getString("run_id")),
                                Optional.ofNullable(rs.getString("prev_hash")),
                                rs.getString("hash"),
                                rs.getString("payload")))
                        .useStream(rows -> rows.forEach(row -> {
                            consumer.accept(row);
                            n[0]++;
                        }));
                return n[0];
            });
        } catch (JdbiException e) {
            throw PgErrors.translate("reading the audit chain", e);
        }
    }
}
