package com.astradesk.core.store.contract;

import static com.astradesk.core.store.contract.AuditFixtures.audit;
import static com.astradesk.core.store.contract.AuditFixtures.dialogue;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link RunJournal} must do; extended by the in-memory test and each adapter's IT. */
public abstract class AbstractRunJournalContractTest {

    /** The journal under test, writing to {@link #dialogues()} and {@link #auditLog()}. */
    protected abstract RunJournal journal();

    protected abstract DialogueStore dialogues();

    protected abstract AuditLog auditLog();

    /** Everything the journal's publisher has received so far. */
    protected abstract List<AuditRecord> published();

    @Test
    void should_store_the_dialogue_and_the_chained_audit_records_of_a_run() {
        // given
        String run = id("run");
        DialogueRecord d = dialogue(run, id("actor"), Instant.parse("2026-11-26T11:00:00Z"));
        List<AuditRecord> audits = List.of(audit(run, "agents.run"), audit(run, "create_ticket"));

        // when
        List<AuditRecord> stored = journal().record(d, audits);

        // then
        assertThat(dialogues().findByRunId(run)).contains(d);
        assertThat(auditLog().forRun(run)).containsExactlyElementsOf(stored);
        assertThat(stored)
                .extracting(AuditRecord::eventId)
                .containsExactly(audits.get(0).eventId(), audits.get(1).eventId());
        assertThat(AuditChain.firstBrokenLink(stored)).isEmpty();
    }

    @Test
    void should_publish_the_stored_records_after_recording() {
        // given
        String run = id("run");
        DialogueRecord d = dialogue(run, id("actor"), Instant.parse("2026-11-26T11:05:00Z"));

        // when
        List<AuditRecord> stored = journal().record(d, List.of(audit(run, "agents.run")));

        // then
        assertThat(published()).containsAll(stored);
    }

    @Test
    void should_continue_the_audit_chain_across_runs() {
        // given
        String run1 = id("run");
        String run2 = id("run");
        List<AuditRecord> first = journal()
                .record(dialogue(run1, "bob", Instant.parse("2026-11-26T11:10:00Z")), List.of(audit(run1, "a")));

        // when
        List<AuditRecord> second = journal()
                .record(dialogue(run2, "bob", Instant.parse("2026-11-26T11:11:00Z")), List.of(audit(run2, "b")));

        // then
        assertThat(second.get(0).prevHash()).isEqualTo(first.get(0).hash());
    }
}
