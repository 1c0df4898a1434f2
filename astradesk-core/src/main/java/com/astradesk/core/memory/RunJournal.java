package com.astradesk.core.memory;

import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.internal.InMemoryRunJournal;
import java.util.List;

/**
 * Writes what one agent run leaves behind — its dialogue and its audit records — as one unit: with a
 * database, one transaction (plus outbox rows); in memory, under one lock. Thread-safe.
 */
public interface RunJournal {
    /**
     * Records a finished run.
     *
     * @return the audit records as stored (hash-chained)
     */
    List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits);

    /** A journal over in-memory ports: writes both under one lock, then publishes the chained records. */
    static RunJournal inMemory(DialogueStore dialogues, AuditLog auditLog, AuditPublisher publisher) {
        return new InMemoryRunJournal(dialogues, auditLog, publisher);
    }
}
