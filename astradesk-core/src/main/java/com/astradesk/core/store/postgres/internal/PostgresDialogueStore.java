package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Dialogues in table {@code dialogues}. Thread-safe. */
final class PostgresDialogueStore implements DialogueStore {
    private final Jdbi jdbi;

    PostgresDialogueStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(DialogueRecord record) {
        Objects.requireNonNull(record, "record");
        try {
            jdbi.useHandle(h -> DialogueRows.insert(h, record));
        } catch (JdbiException e) {
            throw PgErrors.translate("saving a dialogue", e);
        }
    }

    @Override
    public Optional<DialogueRecord> findByRunId(String runId) {
        Objects.requireNonNull(runId, "runId");
        try {
            return jdbi.withHandle(
                    h -> h.createQuery("SELECT " + DialogueRows.COLUMNS + " FROM dialogues WHERE run_id = :runId")
                            .bind("runId", runId)
                            .map(DialogueRows::map)
                            .findOne());
        } catch (JdbiException e) {
            throw PgErrors.translate("reading a dialogue", e);
        }
    }

    @Override
    public List<DialogueRecord> conversation(String conversationId, int limit) {
        Objects.requireNonNull(conversationId, "conversationId");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        try {
            List<DialogueRecord> newestFirst = jdbi.withHandle(h -> h.createQuery("SELECT " + DialogueRows.COLUMNS
                            + " FROM dialogues WHERE conversation_id = :id ORDER BY created_at DESC, id DESC"
                            + " LIMIT :limit")
                    .bind("id", conversationId)
                    .bind("limit", limit)
                    .map(DialogueRows::map)
                    .list());
            var oldestFirst = new java.util.ArrayList<>(newestFirst);
            java.util.Collections.reverse(oldestFirst);
            return List.copyOf(oldestFirst);
        } catch (JdbiException e) {
            throw PgErrors.translate("reading a conversation", e);
        }
    }

    @Override
    public List<DialogueRecord> recentByActor(String actor, int limit) {
        Objects.requireNonNull(actor, "actor");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT " + DialogueRows.COLUMNS
                            + " FROM dialogues WHERE actor = :actor ORDER BY created_at DESC, id DESC LIMIT :limit")
                    .bind("actor", actor)
                    .bind("limit", limit)
                    .map(DialogueRows::map)
                    .list());
        } catch (JdbiException e) {
            throw PgErrors.translate("reading dialogues", e);
        }
    }
}
