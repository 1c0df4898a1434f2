package com.astradesk.core.store.contract;

import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.InProcessAuditBus;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

class InMemoryRunJournalContractTest extends AbstractRunJournalContractTest {
    private final DialogueStore dialogues = DialogueStore.inMemory();
    private final AuditLog auditLog = AuditLog.inMemory();
    private final List<AuditRecord> published = new CopyOnWriteArrayList<>();
    private final RunJournal journal;

    InMemoryRunJournalContractTest() {
        InProcessAuditBus bus = AuditPublisher.inProcess();
        bus.subscribe(published::add);
        journal = RunJournal.inMemory(dialogues, auditLog, bus);
    }

    @Override
    protected RunJournal journal() {
        return journal;
    }

    @Override
    protected DialogueStore dialogues() {
        return dialogues;
    }

    @Override
    protected AuditLog auditLog() {
        return auditLog;
    }

    @Override
    protected List<AuditRecord> published() {
        return published;
    }
}
