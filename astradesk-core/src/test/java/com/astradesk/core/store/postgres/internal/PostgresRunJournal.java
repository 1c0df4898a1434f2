package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.RunJournal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's dialogue, its chained audit records and their outbox rows in one transaction: all or
 * nothing. After the commit the records optionally go to an in-process publisher. Concurrent runs serialise on
 * the chain lock, one commit each: the stores use {@link GroupCommitRunJournal} instead. Test code only: the
 * per-run baseline that {@code GroupCommitThroughputIT} measures group commit against. Thread-safe.
 */
final class PostgresRunJournal implements RunJournal {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRunJournal.class);

    private final Jdbi jdbi;
    private final Optional<AuditPublisher> afterCommit;

    PostgresRunJournal(Jdbi jdbi, Optional<AuditPublisher> afterCommit) {
        this.jdbi = jdbi;
        this.afterCommit = afterCommit;
    }

    @Override
    public List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits) {
        Objects.requireNonNull(dialogue, "dialogue");
        return write(Optional.of(dialogue), audits, "recording run " + dialogue.runId());
    }

    @Override
    public List<AuditRecord> recordEvents(List<AuditRecord> audits) {
        return write(Optional.empty(), audits, "recording audit events");
    }

    private List<AuditRecord> write(Optional<DialogueRecord> dialogue, List<AuditRecord> audits, String what) {
        List<AuditRecord> batch = List.copyOf(Objects.requireNonNull(audits, "audits"));
        List<AuditRecord> stored;
        try {
            stored = jdbi.inTransaction(h -> {
                if (dialogue.isPresent()) {
                    DialogueRows.insert(h, dialogue.get());
                }
                return AuditRows.appendChainedWithOutbox(h, batch);
            });
        } catch (JdbiException e) {
            throw PgErrors.translate(what, e);
        }
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
