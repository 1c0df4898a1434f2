package com.astradesk.core.memory;

import com.astradesk.core.memory.internal.InMemoryDialogueStore;
import java.util.List;
import java.util.Optional;

/** Stores dialogues (question + answer per run). Thread-safe. */
public interface DialogueStore {
    /** Saves one dialogue. */
    void save(DialogueRecord record);

    /** The dialogue of a run, if stored. */
    Optional<DialogueRecord> findByRunId(String runId);

    /** The most recent dialogues of one actor, newest first, at most {@code limit}. */
    List<DialogueRecord> recentByActor(String actor, int limit);

    /**
     * The last {@code limit} dialogues of a conversation, oldest first; empty when there is no such
     * conversation. Callers check that the conversation is the caller's ({@link DialogueRecord#actor()}).
     */
    List<DialogueRecord> conversation(String conversationId, int limit);

    /**
     * The conversations {@code actor} took part in, latest activity first (ties by id, descending), at most
     * {@code limit}, starting after {@code after} when given.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    ConversationPage conversationsOf(String actor, int limit, Optional<ConversationCursor> after);

    /** A store held in memory (embedded mode). */
    static DialogueStore inMemory() {
        return new InMemoryDialogueStore();
    }
}
