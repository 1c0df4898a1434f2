package com.astradesk.core.memory.internal;

import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run journal over in-memory ports: dialogue and audit records are written under one lock, then the chained
 * records are published. Thread-safe.
 */
public final class InMemoryRunJournal implements RunJournal {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryRunJournal.class);
    private final DialogueStore dialogues;
    private final AuditLog auditLog;
    private final AuditPublisher publisher;

    public InMemoryRunJournal(DialogueStore dialogues, AuditLog auditLog, AuditPublisher publisher) {
        this.dialogues = Objects.requireNonNull(dialogues, "dialogues");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits) {
        Objects.requireNonNull(dialogue, "dialogue");
        Objects.requireNonNull(audits, "audits");
        List<AuditRecord> stored;
        synchronized (this) {
            dialogues.save(dialogue);
            stored = auditLog.append(audits);
        }
        publish(stored);
        return stored;
    }

    @Override
    public List<AuditRecord> recordEvents(List<AuditRecord> audits) {
        Objects.requireNonNull(audits, "audits");
        List<AuditRecord> stored;
        synchronized (this) {
            stored = auditLog.append(audits);
        }
        publish(stored);
        return stored;
    }

    private void publish(List<AuditRecord> stored) {
        for (AuditRecord r : stored) {
            try {
                publisher.publish(r);
            } catch (RuntimeException e) {
                // the run is already recorded; a lost in-process event must not fail the request
                LOG.warn("audit publisher failed on event {}", r.eventId(), e);
            }
        }
    }
}
