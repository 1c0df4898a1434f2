package com.astradesk.core.store.contract;

import static com.astradesk.core.store.contract.AuditFixtures.dialogue;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.memory.ConversationCursor;
import com.astradesk.core.memory.ConversationPage;
import com.astradesk.core.memory.ConversationSummary;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    private static DialogueRecord turn(String conversation, String actor, String agent, String query, Instant at) {
        DialogueRecord d = dialogue(id("run"), actor, at);
        return new DialogueRecord(d.runId(), agent, actor, query, d.answer(), d.meta(), d.createdAt(), conversation);
    }

    @Test
    void should_list_only_the_actors_conversations_latest_activity_first_with_title_agent_and_turns() {
        // given: two conversations of one actor (the older one moved last), one of someone else
        String actor = id("actor");
        String older = id("conversation");
        String newer = id("conversation");
        Instant t0 = Instant.parse("2026-11-26T09:00:00Z");
        store().save(turn(older, actor, "support", "first question of older", t0));
        store().save(turn(newer, actor, "support", "only question of newer", t0.plusSeconds(60)));
        store().save(turn(older, actor, "ops", "follow-up of older", t0.plusSeconds(120)));
        store().save(turn(id("conversation"), id("someone-else"), "ops", "not mine", t0.plusSeconds(180)));

        // when
        ConversationPage page = store().conversationsOf(actor, 10, Optional.empty());

        // then
        assertThat(page.next()).isEmpty();
        assertThat(page.conversations())
                .extracting(ConversationSummary::conversationId)
                .containsExactly(older, newer);
        ConversationSummary first = page.conversations().get(0);
        assertThat(first.title()).isEqualTo("first question of older");
        assertThat(first.agent()).isEqualTo("ops");
        assertThat(first.turns()).isEqualTo(2);
        assertThat(first.startedAt()).isEqualTo(t0);
        assertThat(first.lastActivityAt()).isEqualTo(t0.plusSeconds(120));
    }

    @Test
    void should_page_an_actors_conversations_with_a_cursor_without_gaps_or_repeats() {
        // given: five conversations, two of them with the same last activity (ties broken by id)
        String actor = id("actor");
        Instant t0 = Instant.parse("2026-11-27T09:00:00Z");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String c = id("conversation");
            ids.add(c);
            store().save(turn(c, actor, "support", "q" + i, t0.plusSeconds(i < 2 ? 0 : 60L * i)));
        }

        // when
        List<String> seen = new java.util.ArrayList<>();
        Optional<ConversationCursor> cursor = Optional.empty();
        int pages = 0;
        do {
            ConversationPage page = store().conversationsOf(actor, 2, cursor);
            page.conversations().forEach(c -> seen.add(c.conversationId()));
            cursor = page.next();
            pages++;
        } while (cursor.isPresent() && pages < 10);

        // then
        assertThat(pages).isEqualTo(3);
        List<String> tied = ids.subList(0, 2).stream()
                .sorted(java.util.Comparator.reverseOrder())
                .toList();
        assertThat(seen).containsExactly(ids.get(4), ids.get(3), ids.get(2), tied.get(0), tied.get(1));
    }

    @Test
    void should_cut_a_long_first_question_to_the_title_length_by_code_points() {
        // given
        String actor = id("actor");
        String question = "🙂".repeat(ConversationSummary.TITLE_LENGTH + 5);
        store().save(turn(id("conversation"), actor, "support", question, Instant.parse("2026-11-26T09:00:00Z")));

        // when
        ConversationSummary only = store().conversationsOf(actor, 5, Optional.empty())
                .conversations()
                .get(0);

        // then
        assertThat(only.title()).isEqualTo("🙂".repeat(ConversationSummary.TITLE_LENGTH));
    }

    @Test
    void should_list_no_conversations_for_an_actor_without_any_and_refuse_a_limit_below_one() {
        // given
        String actor = id("actor");

        // when / then
        assertThat(store().conversationsOf(actor, 5, Optional.empty()).conversations())
                .isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store().conversationsOf(actor, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }
}
