package com.astradesk.core.memory.internal;

import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import java.util.List;

/**
 * Run journal over in-memory ports: dialogue and audit records are written under one lock, then the chained
 * records are published. Thread-safe.
 */
public final class InMemoryRunJournal implements RunJournal {
    private final DialogueStore dialogues;
    private final AuditLog auditLog;
    private final AuditPublisher publisher;

    public InMemoryRunJournal(DialogueStore dialogues, AuditLog auditLog, AuditPublisher publisher) {
        this.dialogues = dialogues;
        this.auditLog = auditLog;
        this.publisher = publisher;
    }

    @Override
    public List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits) {
        List<AuditRecord> stored;
        synchronized (this) {
            dialogues.save(dialogue);
            stored = auditLog.append(audits);
        }
        stored.forEach(publisher::publish);
        return stored;
    }
}
