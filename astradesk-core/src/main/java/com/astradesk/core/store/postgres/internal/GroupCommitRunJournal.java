package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.RunJournal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run journal over the shared {@link GroupCommitWriter}: {@link #record} returns once the run's batch
 * committed, then hands the stored records to the optional in-process publisher (in the caller's thread).
 * Thread-safe.
 */
final class GroupCommitRunJournal implements RunJournal {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitRunJournal.class);

    private final GroupCommitWriter writer;
    private final Optional<AuditPublisher> afterCommit;

    GroupCommitRunJournal(GroupCommitWriter writer, Optional<AuditPublisher> afterCommit) {
        this.writer = writer;
        this.afterCommit = afterCommit;
    }

    @Override
    public List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits) {
        Objects.requireNonNull(dialogue, "dialogue");
        return published(writer.write(Optional.of(dialogue), List.copyOf(Objects.requireNonNull(audits, "audits"))));
    }

    @Override
    public List<AuditRecord> recordEvents(List<AuditRecord> audits) {
        return published(writer.write(Optional.empty(), List.copyOf(Objects.requireNonNull(audits, "audits"))));
    }

    private List<AuditRecord> published(List<AuditRecord> stored) {
        afterCommit.ifPresent(publisher -> stored.forEach(r -> {
            try {
                publisher.publish(r);
            } catch (RuntimeException e) {
                LOG.warn("audit event {} committed but not published in-process: {}", r.eventId(), e.toString());
            }
        }));
        return stored;
    }
}
