package com.astradesk.core.memory;

import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.internal.InMemoryRunJournal;
import java.util.List;

/**
 * The one path audit records take: what one agent run leaves behind — its dialogue and its audit records — as one
 * unit, and audit events that belong to no finished run (approval decisions and approved executions, document
 * ingests, authentication failures at the edge, calls over other channels). With a database each write is one
 * transaction with the records' outbox rows (so they reach the relay, JetStream and the Auditor); in memory,
 * under one lock, then published in process. Thread-safe.
 */
public interface RunJournal {
    /**
     * Records a finished run.
     *
     * @return the audit records as stored (hash-chained)
     */
    List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits);

    /**
     * Records audit events that belong to no finished run, in order, with their outbox rows.
     *
     * @return the records as stored (hash-chained)
     */
    List<AuditRecord> recordEvents(List<AuditRecord> audits);

    /** A journal over in-memory ports: writes both under one lock, then publishes the chained records. */
    static RunJournal inMemory(DialogueStore dialogues, AuditLog auditLog, AuditPublisher publisher) {
        return new InMemoryRunJournal(dialogues, auditLog, publisher);
    }
}
