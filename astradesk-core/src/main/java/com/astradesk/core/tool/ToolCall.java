package com.astradesk.core.tool;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to run a tool. Immutable and thread-safe.
 *
 * @param tool           the tool's wire name
 * @param arguments      arguments as plain JSON-like values (maps, lists, strings, numbers, booleans)
 * @param principal      who asks
 * @param runId          the agent run this call belongs to
 * @param requestId      the HTTP request id (or any correlation id)
 * @param idempotencyKey a key for side-effecting tools; a repeat with the same key has no second effect
 * @param language       the language results should be worded in
 */
public record ToolCall(
        String tool,
        Map<String, Object> arguments,
        Principal principal,
        String runId,
        String requestId,
        Optional<String> idempotencyKey,
        Language language) {

    public ToolCall {
        Objects.requireNonNull(tool, "tool");
        arguments = arguments == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(requestId, "requestId");
        idempotencyKey = Objects.requireNonNullElse(idempotencyKey, Optional.empty());
        language = Objects.requireNonNullElse(language, Language.EN);
    }

    /** A call with fresh ids, no idempotency key and English results; handy in tests and examples. */
    public static ToolCall of(String tool, Map<String, Object> arguments, Principal principal) {
        String id = java.util.UUID.randomUUID().toString();
        return new ToolCall(tool, arguments, principal, id, id, Optional.empty(), Language.EN);
    }

    /** This call with other arguments. */
    public ToolCall withArguments(Map<String, Object> newArguments) {
        return new ToolCall(tool, newArguments, principal, runId, requestId, idempotencyKey, language);
    }
}
