package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.json.Json;
import com.astradesk.core.memory.DialogueRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for table {@code dialogues}. */
final class DialogueRows {
    static final String COLUMNS =
            "run_id, agent, actor, query, answer, meta::text AS meta, created_at, conversation_id";

    private DialogueRows() {}

    /** Inserts one dialogue; a second dialogue for the same run is ignored (the first one wins). */
    static void insert(Handle h, DialogueRecord r) {
        h.createUpdate("INSERT INTO dialogues (run_id, agent, actor, query, answer, meta, created_at,"
                        + " conversation_id) VALUES (:runId, :agent, :actor, :query, :answer, CAST(:meta AS jsonb),"
                        + " :createdAt, :conversationId)"
                        + " ON CONFLICT (run_id) DO NOTHING")
                .bind("runId", r.runId())
                .bind("agent", r.agent())
                .bind("actor", r.actor())
                .bind("query", r.query())
                .bind("answer", r.answer())
                .bind("meta", Json.write(r.meta()))
                .bind("createdAt", OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC))
                .bind("conversationId", r.conversationId())
                .execute();
    }

    /** Inserts dialogues in one JDBC batch; like {@link #insert}, a run's first dialogue wins. */
    static void insertAll(Handle h, List<DialogueRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO dialogues (run_id, agent, actor, query, answer, meta,"
                + " created_at, conversation_id) VALUES (:runId, :agent, :actor, :query, :answer,"
                + " CAST(:meta AS jsonb), :createdAt, :conversationId)"
                + " ON CONFLICT (run_id) DO NOTHING");
        for (DialogueRecord r : records) {
            batch.bind("runId", r.runId())
                    .bind("agent", r.agent())
                    .bind("actor", r.actor())
                    .bind("query", r.query())
                    .bind("answer", r.answer())
                    .bind("meta", Json.write(r.meta()))
                    .bind("createdAt", OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC))
                    .bind("conversationId", r.conversationId())
                    .add();
        }
        batch.execute();
    }

    static DialogueRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new DialogueRecord(
                rs.getString("run_id"),
                rs.getString("agent"),
                rs.getString("actor"),
                rs.getString("query"),
                rs.getString("answer"),
                Json.readObject(rs.getString("meta")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("conversation_id"));
    }
}
