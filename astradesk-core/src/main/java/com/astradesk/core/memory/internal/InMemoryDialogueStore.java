package com.astradesk.core.memory.internal;

import com.astradesk.core.memory.ConversationCursor;
import com.astradesk.core.memory.ConversationPage;
import com.astradesk.core.memory.ConversationSummary;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public synchronized ConversationPage conversationsOf(String actor, int limit, Optional<ConversationCursor> after) {
        java.util.Objects.requireNonNull(actor, "actor");
        java.util.Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        Map<String, List<DialogueRecord>> byConversation = new LinkedHashMap<>();
        for (DialogueRecord r : records) {
            if (r.actor().equals(actor)) {
                byConversation
                        .computeIfAbsent(r.conversationId(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<ConversationSummary> all = new ArrayList<>();
        for (var e : byConversation.entrySet()) {
            List<DialogueRecord> turns = new ArrayList<>(e.getValue());
            // stable: equal times keep save order, as the database's id does
            turns.sort(Comparator.comparing(DialogueRecord::createdAt));
            DialogueRecord first = turns.get(0);
            DialogueRecord last = turns.get(turns.size() - 1);
            all.add(new ConversationSummary(
                    e.getKey(),
                    last.agent(),
                    ConversationSummary.titleOf(first.query()),
                    turns.size(),
                    first.createdAt(),
                    last.createdAt()));
        }
        all.sort(Comparator.comparing(ConversationSummary::lastActivityAt)
                .thenComparing(ConversationSummary::conversationId)
                .reversed());
        List<ConversationSummary> candidates = all.stream()
                .filter(c -> after.map(a -> a.isBefore(c)).orElse(true))
                .limit(limit + 1L)
                .toList();
        return ConversationPage.of(candidates, limit);
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
