package com.astradesk.core.store.contract;

import static com.astradesk.core.store.contract.AuditFixtures.dialogue;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link DialogueStore} must do; extended by the in-memory test and each adapter's IT. */
public abstract class AbstractDialogueStoreContractTest {

    /** The store under test (may hold data from other tests of the class; tests use unique ids). */
    protected abstract DialogueStore store();

    @Test
    void should_return_a_saved_dialogue_unchanged_by_its_run_id() {
        // given
        DialogueRecord saved = dialogue(id("run"), id("actor"), Instant.parse("2026-11-26T10:00:00.123456Z"));

        // when
        store().save(saved);

        // then
        assertThat(store().findByRunId(saved.runId())).contains(saved);
    }

    @Test
    void should_find_nothing_for_an_unknown_run() {
        // given
        String unknown = id("run");

        // when / then
        assertThat(store().findByRunId(unknown)).isEmpty();
    }

    @Test
    void should_list_an_actors_recent_dialogues_newest_first_up_to_the_limit() {
        // given
        String actor = id("actor");
        Instant t0 = Instant.parse("2026-11-26T09:00:00Z");
        DialogueRecord oldest = dialogue(id("run"), actor, t0);
        DialogueRecord middle = dialogue(id("run"), actor, t0.plusSeconds(60));
        DialogueRecord newest = dialogue(id("run"), actor, t0.plusSeconds(120));
        store().save(middle);
        store().save(newest);
        store().save(oldest);
        store().save(dialogue(id("run"), id("someone-else"), t0.plusSeconds(180)));

        // when
        List<DialogueRecord> recent = store().recentByActor(actor, 2);

        // then
        assertThat(recent).containsExactly(newest, middle);
        assertThat(store().recentByActor(actor, 10)).containsExactly(newest, middle, oldest);
    }

    @Test
    void should_return_no_dialogues_for_an_actor_without_any() {
        // given
        String actor = id("actor");

        // when / then
        assertThat(store().recentByActor(actor, 5)).isEmpty();
    }

    @Test
    void should_return_a_conversations_last_turns_oldest_first() {
        // given
        String conversation = id("conversation");
        String actor = id("actor");
        Instant t0 = Instant.parse("2026-11-26T09:00:00Z");
        List<DialogueRecord> turns = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DialogueRecord d = dialogue(id("run"), actor, t0.plusSeconds(60L * i));
            turns.add(new DialogueRecord(
                    d.runId(), d.agent(), d.actor(), d.query(), d.answer(), d.meta(), d.createdAt(), conversation));
        }
        turns.forEach(store()::save);
        store().save(dialogue(id("run"), actor, t0.plusSeconds(30)));

        // when
        List<DialogueRecord> last = store().conversation(conversation, 3);

        // then
        assertThat(last).containsExactly(turns.get(1), turns.get(2), turns.get(3));
        assertThat(store().conversation(conversation, 10)).containsExactlyElementsOf(turns);
        assertThat(store().findByRunId(turns.get(0).runId()).orElseThrow().conversationId())
                .isEqualTo(conversation);
    }

    @Test
    void should_keep_a_run_without_a_conversation_as_its_own() {
        // given
        DialogueRecord alone = dialogue(id("run"), id("actor"), Instant.parse("2026-11-26T10:00:00Z"));

        // when
        store().save(alone);

        // then
        assertThat(store().conversation(alone.runId(), 5)).containsExactly(alone);
        assertThat(store().conversation(id("no-such-conversation"), 5)).isEmpty();
    }
}
