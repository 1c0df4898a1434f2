package com.astradesk.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InMemoryRunJournalTest {
    private final DialogueStore dialogues = DialogueStore.inMemory();
    private final AuditLog auditLog = AuditLog.inMemory();

    private static DialogueRecord dialogue(String runId, String actor, Instant at) {
        return new DialogueRecord(runId, "support", actor, "q", "a", Map.of(), at);
    }

    private static AuditRecord audit(String runId) {
        return AuditRecord.builder()
                .withEventId("e-" + runId)
                .withTs(Instant.now())
                .withActor("alice")
                .withAction("agents.run")
                .withDecision(AuditDecision.ALLOWED)
                .withArgs(Map.of())
                .withRunId(runId)
                .build();
    }

    @Test
    void should_store_the_dialogue_and_chained_audits_and_publish_them() {
        // given
        var bus = AuditPublisher.inProcess();
        List<AuditRecord> published = new CopyOnWriteArrayList<>();
        bus.subscribe(published::add);
        RunJournal journal = RunJournal.inMemory(dialogues, auditLog, bus);

        // when
        List<AuditRecord> stored = journal.record(dialogue("run-1", "alice", Instant.now()), List.of(audit("run-1")));

        // then
        assertThat(dialogues.findByRunId("run-1")).isPresent();
        assertThat(stored).singleElement().satisfies(r -> assertThat(r.hash()).isPresent());
        assertThat(auditLog.forRun("run-1")).isEqualTo(stored);
        assertThat(published).isEqualTo(stored);
        assertThat(AuditChain.firstBrokenLink(Optional.empty(), auditLog.recent(10)))
                .isEmpty();
    }

    @Test
    void should_keep_the_run_recorded_when_the_publisher_fails() {
        // given
        AuditPublisher broken = record -> {
            throw new IllegalStateException("bus down");
        };
        RunJournal journal = RunJournal.inMemory(dialogues, auditLog, broken);

        // when
        List<AuditRecord> stored = journal.record(dialogue("run-2", "alice", Instant.now()), List.of(audit("run-2")));

        // then
        assertThat(stored).hasSize(1);
        assertThat(dialogues.findByRunId("run-2")).isPresent();
    }

    @Test
    void should_list_an_actors_dialogues_newest_first() {
        // given
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        dialogues.save(dialogue("r1", "alice", t));
        dialogues.save(dialogue("r2", "bob", t.plusSeconds(1)));
        dialogues.save(dialogue("r3", "alice", t.plusSeconds(2)));

        // then
        assertThat(dialogues.recentByActor("alice", 5))
                .extracting(DialogueRecord::runId)
                .containsExactly("r3", "r1");
        assertThat(dialogues.recentByActor("alice", 1))
                .extracting(DialogueRecord::runId)
                .containsExactly("r3");
    }

    @Test
    void should_refuse_a_negative_limit() {
        assertThatThrownBy(() -> dialogues.recentByActor("alice", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> auditLog.recent(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }
}
