package com.astradesk.core.memory;

import com.astradesk.core.audit.AuditRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run journal for tests: keeps every dialogue and audit record it is given, unchained. Thread-safe. */
public final class RecordingRunJournal implements RunJournal {
    /** Every dialogue recorded, in order. */
    public final List<DialogueRecord> dialogues = new CopyOnWriteArrayList<>();
    /** Every audit record recorded (with runs or as events), in order. */
    public final List<AuditRecord> audits = new CopyOnWriteArrayList<>();

    @Override
    public List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> records) {
        dialogues.add(dialogue);
        audits.addAll(records);
        return records;
    }

    @Override
    public List<AuditRecord> recordEvents(List<AuditRecord> records) {
        audits.addAll(records);
        return records;
    }
}
