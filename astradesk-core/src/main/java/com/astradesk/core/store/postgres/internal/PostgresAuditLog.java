package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditRecord;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Hash-chained audit log in table {@code audits}; one chain per database. Thread-safe. */
final class PostgresAuditLog implements AuditLog {
    private final Jdbi jdbi;

    PostgresAuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<AuditRecord> append(List<AuditRecord> records) {
        List<AuditRecord> batch = List.copyOf(Objects.requireNonNull(records, "records"));
        try {
            return jdbi.inTransaction(h -> AuditRows.appendChained(h, batch));
        } catch (JdbiException e) {
            throw PgErrors.translate("appending audit records", e);
        }
    }

    @Override
    public List<AuditRecord> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT payload::text FROM (SELECT id, payload FROM audits"
                            + " ORDER BY id DESC LIMIT :limit) newest ORDER BY id")
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .map(AuditRows::fromWire)
                    .list());
        } catch (JdbiException e) {
            throw PgErrors.translate("reading audit records", e);
        }
    }

    @Override
    public List<AuditRecord> forRun(String runId) {
        Objects.requireNonNull(runId, "runId");
        try {
            return jdbi.withHandle(
                    h -> h.createQuery("SELECT payload::text FROM audits WHERE run_id = :runId ORDER BY id")
                            .bind("runId", runId)
                            .mapTo(String.class)
                            .map(AuditRows::fromWire)
                            .list());
        } catch (JdbiException e) {
            throw PgErrors.translate("reading audit records", e);
        }
    }
}
