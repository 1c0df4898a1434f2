package com.astradesk.core.agent;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to an agent. Immutable.
 *
 * @param input          the user's text (1..8000 characters, any Unicode)
 * @param meta           caller-supplied metadata, stored with the dialogue
 * @param requestId      correlation id (the HTTP {@code X-Request-ID})
 * @param idempotencyKey the caller's idempotency key; side-effecting tools receive keys derived from it
 * @param traceId        the trace id, when tracing is on
 * @param runId          the run id to use, when the caller assigned one (an asynchronous run: the id it was queued
 *                       under, the same on every attempt); otherwise the agent makes a fresh one
 */
public record AgentRequest(
        String input,
        Map<String, Object> meta,
        String requestId,
        Optional<String> idempotencyKey,
        Optional<String> traceId,
        Optional<String> runId) {

    /** Longest accepted input, in characters (code points are not counted separately). */
    public static final int MAX_INPUT_LENGTH = 8000;

    public AgentRequest {
        Objects.requireNonNull(input, "input");
        if (input.isBlank()) {
            throw new IllegalArgumentException("input must not be blank");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new IllegalArgumentException(
                    "input must be at most " + MAX_INPUT_LENGTH + " characters, was " + input.length());
        }
        meta = meta == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(meta));
        Objects.requireNonNull(requestId, "requestId");
        idempotencyKey = Objects.requireNonNullElse(idempotencyKey, Optional.empty());
        traceId = Objects.requireNonNullElse(traceId, Optional.empty());
        runId = Objects.requireNonNullElse(runId, Optional.empty());
        runId.ifPresent(id -> {
            if (id.isBlank()) {
                throw new IllegalArgumentException("runId must not be blank");
            }
        });
    }

    /** A request whose run id the agent makes. */
    public AgentRequest(
            String input,
            Map<String, Object> meta,
            String requestId,
            Optional<String> idempotencyKey,
            Optional<String> traceId) {
        this(input, meta, requestId, idempotencyKey, traceId, Optional.empty());
    }

    /** This request with another trace id. */
    public AgentRequest withTraceId(String id) {
        return new AgentRequest(input, meta, requestId, idempotencyKey, Optional.of(id), runId);
    }

    /** This request to run under {@code id} (see {@link #runId()}). */
    public AgentRequest withRunId(String id) {
        return new AgentRequest(input, meta, requestId, idempotencyKey, traceId, Optional.of(id));
    }

    /** A request with a fresh request id and nothing else. */
    public static AgentRequest of(String input) {
        return new AgentRequest(
                input, Map.of(), java.util.UUID.randomUUID().toString(), Optional.empty(), Optional.empty());
    }
}
