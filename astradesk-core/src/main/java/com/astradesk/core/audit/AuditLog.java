package com.astradesk.core.audit;

import com.astradesk.core.audit.internal.InMemoryAuditLog;
import java.util.List;

/**
 * Durable, append-only store of audit records, chained by hash. Thread-safe.
 */
public interface AuditLog {

    /**
     * Appends records in order, filling in {@code prevHash}/{@code hash}.
     *
     * @return the records as stored (chained)
     */
    List<AuditRecord> append(List<AuditRecord> records);

    /** The most recent records, newest last, at most {@code limit}. */
    List<AuditRecord> recent(int limit);

    /** Every record of one run, in order. */
    List<AuditRecord> forRun(String runId);

    /**
     * The records matching {@code query}, newest first, each checked against its neighbours in the chain
     * ({@link ChainStatus}), with the position of the next page.
     */
    AuditPage query(AuditQuery query);

    /** A hash-chained log held in memory (embedded mode). */
    static AuditLog inMemory() {
        return new InMemoryAuditLog();
    }
}
