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
 */
public record AgentRequest(
        String input,
        Map<String, Object> meta,
        String requestId,
        Optional<String> idempotencyKey,
        Optional<String> traceId) {

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
    }

    /** A request with a fresh request id and nothing else. */
    public static AgentRequest of(String input) {
        return new AgentRequest(
                input, Map.of(), java.util.UUID.randomUUID().toString(), Optional.empty(), Optional.empty());
    }
}
