package com.astradesk.core.store.postgres;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.store.StoreException;
import com.astradesk.core.store.postgres.internal.AuditJdbi;
import com.astradesk.core.store.postgres.internal.PgErrors;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Reads the hash-chained audit records of table {@code audits} in chain order (row id), streaming, for
 * {@code audit verify}. Thread-safe.
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
     * @throws com.astradesk.core.store.StoreUnavailableException when the database does not answer
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
        try {
            return jdbi.inTransaction(h -> {
                long[] n = {0};
                h.createQuery("SELECT payload::text FROM audits ORDER BY id")
                        .setFetchSize(FETCH_SIZE)
                        .mapTo(String.class)
                        .useStream(rows -> rows.forEach(json -> {
                            consumer.accept(AuditEvents.fromJson(json));
                            n[0]++;
                        }));
                return n[0];
            });
        } catch (JdbiException e) {
            throw PgErrors.translate("reading the audit chain", e);
        }
    }
}
