package com.astradesk.core.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One question and answer of an agent run, as stored. Immutable.
 *
 * @param runId     the run
 * @param agent     the agent name
 * @param actor     the caller's subject
 * @param query     the (redacted) user input
 * @param answer    the agent's answer
 * @param meta      extra metadata (request id, used tools, degraded, ...)
 * @param createdAt      when it was stored
 * @param conversationId the conversation the run belongs to (a run that continues none starts its own)
 */
public record DialogueRecord(
        String runId,
        String agent,
        String actor,
        String query,
        String answer,
        Map<String, Object> meta,
        Instant createdAt,
        String conversationId) {
    public DialogueRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(answer, "answer");
        meta = meta == null ? Map.of() : com.astradesk.core.internal.FrozenMap.copyOf(meta);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(conversationId, "conversationId");
    }

    /** A dialogue that is its own conversation (the conversation id is the run id). */
    public DialogueRecord(
            String runId,
            String agent,
            String actor,
            String query,
            String answer,
            Map<String, Object> meta,
            Instant createdAt) {
        this(runId, agent, actor, query, answer, meta, createdAt, runId);
    }
}
