package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.memory.ConversationCursor;
import com.astradesk.core.memory.ConversationPage;
import com.astradesk.core.memory.ConversationSummary;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    public ConversationPage conversationsOf(String actor, int limit, Optional<ConversationCursor> after) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        // served by dialogues_actor_recent_idx (actor, created_at DESC, id DESC)
        String sql = "SELECT conversation_id, count(*) AS turns, min(created_at) AS started_at,"
                + " max(created_at) AS last_at,"
                + " (array_agg(left(query, " + ConversationSummary.TITLE_LENGTH + ") ORDER BY created_at, id))[1]"
                + " AS title,"
                + " (array_agg(agent ORDER BY created_at DESC, id DESC))[1] AS agent"
                + " FROM dialogues WHERE actor = :actor GROUP BY conversation_id"
                + (after.isPresent() ? " HAVING (max(created_at), conversation_id) < (:lastAt, :afterId)" : "")
                + " ORDER BY last_at DESC, conversation_id DESC LIMIT :limit";
        try {
            List<ConversationSummary> candidates = jdbi.withHandle(h -> {
                var q = h.createQuery(sql).bind("actor", actor).bind("limit", limit + 1);
                after.ifPresent(a -> q.bind("lastAt", OffsetDateTime.ofInstant(a.lastActivityAt(), ZoneOffset.UTC))
                        .bind("afterId", a.conversationId()));
                return q.map((rs, ctx) -> new ConversationSummary(
                                rs.getString("conversation_id"),
                                rs.getString("agent"),
                                ConversationSummary.titleOf(rs.getString("title")),
                                rs.getInt("turns"),
                                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                                rs.getObject("last_at", OffsetDateTime.class).toInstant()))
                        .list();
            });
            return ConversationPage.of(candidates, limit);
        } catch (JdbiException e) {
            throw PgErrors.translate("listing conversations", e);
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
