package com.astradesk.server.wiring;

import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.InProcessAuditBus;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import java.util.Objects;

/**
 * The state ports an agent run writes to. Immutable holder; the ports themselves are thread-safe.
 *
 * @param dialogues dialogue store
 * @param auditLog  hash-chained audit log
 * @param publisher audit event publisher
 * @param journal   writes a run's dialogue and audit records as one unit
 * @param locks     locks for side-effecting tools
 */
public record EmbeddedPorts(
        DialogueStore dialogues, AuditLog auditLog, AuditPublisher publisher, RunJournal journal, LockService locks) {
    public EmbeddedPorts {
        Objects.requireNonNull(dialogues, "dialogues");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(locks, "locks");
    }

    /** In-memory stores, an in-process audit bus and in-memory locks (embedded mode). */
    public static EmbeddedPorts inMemory() {
        DialogueStore dialogues = DialogueStore.inMemory();
        AuditLog auditLog = AuditLog.inMemory();
        InProcessAuditBus bus = AuditPublisher.inProcess();
        return new EmbeddedPorts(
                dialogues, auditLog, bus, RunJournal.inMemory(dialogues, auditLog, bus), LockService.inMemory());
    }
}
