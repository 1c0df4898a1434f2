package com.astradesk.core.memory.internal;

import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Dialogues held in memory (embedded mode). Thread-safe. */
public final class InMemoryDialogueStore implements DialogueStore {
    private final List<DialogueRecord> records = new ArrayList<>();

    @Override
    public synchronized void save(DialogueRecord record) {
        records.add(java.util.Objects.requireNonNull(record, "record"));
    }

    @Override
    public synchronized Optional<DialogueRecord> findByRunId(String runId) {
        return records.stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    @Override
    public synchronized List<DialogueRecord> conversation(String conversationId, int limit) {
        java.util.Objects.requireNonNull(conversationId, "conversationId");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        // records are appended in save order, which is the conversation's order
        List<DialogueRecord> turns = records.stream()
                .filter(r -> r.conversationId().equals(conversationId))
                .toList();
        return List.copyOf(turns.subList(Math.max(0, turns.size() - limit), turns.size()));
    }

    @Override
    public synchronized List<DialogueRecord> recentByActor(String actor, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        var mine = new ArrayList<>(
                records.stream().filter(r -> r.actor().equals(actor)).toList());
        mine.sort(Comparator.comparing(DialogueRecord::createdAt).reversed());
        return List.copyOf(mine.subList(0, Math.min(limit, mine.size())));
    }
}
