package com.astradesk.server.wiring;

import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.InProcessAuditBus;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import java.util.Objects;

/**
 * The state ports an agent run reads and writes: in memory (embedded mode) or backed by PostgreSQL/Redis when
 * their URLs are set. Immutable holder; the ports themselves are thread-safe.
 *
 * @param dialogues dialogue store
 * @param auditLog  hash-chained audit log
 * @param publisher audit event publisher
 * @param journal   writes a run's dialogue and audit records as one unit
 * @param locks     locks for side-effecting tools
 * @param knowledge the knowledge index agents retrieve from when no tool applies
 */
public record StatePorts(
        DialogueStore dialogues,
        AuditLog auditLog,
        AuditPublisher publisher,
        RunJournal journal,
        LockService locks,
        KnowledgeIndex knowledge) {
    public StatePorts {
        Objects.requireNonNull(dialogues, "dialogues");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(knowledge, "knowledge");
    }

    /**
     * The model-free embedder: feature hashing with the dimension of all-MiniLM-L6-v2 (384, the
     * {@code documents.embedding} column). The server uses it only with {@code EMBEDDING_MODEL=hashing}; its
     * default is the local all-MiniLM-L6-v2 model (see {@link com.astradesk.server.knowledge.Embedders}).
     */
    public static Embedder embedder() {
        return Embedder.hashing(384);
    }

    /** In-memory stores, an in-process audit bus, in-memory locks and an empty hashing-embedder knowledge index. */
    public static StatePorts inMemory() {
        DialogueStore dialogues = DialogueStore.inMemory();
        AuditLog auditLog = AuditLog.inMemory();
        InProcessAuditBus bus = AuditPublisher.inProcess();
        return new StatePorts(
                dialogues,
                auditLog,
                bus,
                RunJournal.inMemory(dialogues, auditLog, bus),
                LockService.inMemory(),
                KnowledgeIndex.inMemory(embedder()));
    }
}
