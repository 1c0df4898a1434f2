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
 * @param conversationId the conversation this request continues (see {@link #CONVERSATION_ID}); empty starts
 *                       a new one
 * @param runId          the run id to use, when the caller assigned one (an asynchronous run: the id it was queued
 *                       under, the same on every attempt); otherwise the agent makes a fresh one
 */
public record AgentRequest(
        String input,
        Map<String, Object> meta,
        String requestId,
        Optional<String> idempotencyKey,
        Optional<String> traceId,
        Optional<String> conversationId,
        Optional<String> runId) {

    /** What a conversation id may look like: 1..128 of letters, digits, {@code . _ : -}. */
    public static final java.util.regex.Pattern CONVERSATION_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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
        meta = meta == null ? Map.of() : com.astradesk.core.internal.FrozenMap.copyOf(meta);
        Objects.requireNonNull(requestId, "requestId");
        idempotencyKey = Objects.requireNonNullElse(idempotencyKey, Optional.empty());
        traceId = Objects.requireNonNullElse(traceId, Optional.empty());
        conversationId = Objects.requireNonNullElse(conversationId, Optional.empty());
        conversationId.ifPresent(id -> {
            if (!CONVERSATION_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("conversationId must match " + CONVERSATION_ID.pattern());
            }
        });
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
            Optional<String> traceId,
            Optional<String> conversationId) {
        this(input, meta, requestId, idempotencyKey, traceId, conversationId, Optional.empty());
    }

    /** A request that starts a new conversation. */
    public AgentRequest(
            String input,
            Map<String, Object> meta,
            String requestId,
            Optional<String> idempotencyKey,
            Optional<String> traceId) {
        this(input, meta, requestId, idempotencyKey, traceId, Optional.empty(), Optional.empty());
    }

    /** This request continuing the given conversation. */
    public AgentRequest inConversation(String id) {
        return new AgentRequest(input, meta, requestId, idempotencyKey, traceId, Optional.of(id), runId);
    }

    /** This request with another trace id. */
    public AgentRequest withTraceId(String id) {
        return new AgentRequest(input, meta, requestId, idempotencyKey, Optional.of(id), conversationId, runId);
    }

    /** This request with another idempotency key (side-effecting steps derive their keys from it). */
    public AgentRequest withIdempotencyKey(String key) {
        return new AgentRequest(input, meta, requestId, Optional.of(key), traceId, conversationId, runId);
    }

    /** This request to run under {@code id} (see {@link #runId()}). */
    public AgentRequest withRunId(String id) {
        return new AgentRequest(input, meta, requestId, idempotencyKey, traceId, conversationId, Optional.of(id));
    }

    /** A request with a fresh request id and nothing else. */
    public static AgentRequest of(String input) {
        return new AgentRequest(
                input, Map.of(), java.util.UUID.randomUUID().toString(), Optional.empty(), Optional.empty());
    }
}
