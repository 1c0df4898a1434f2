package com.astradesk.core.tool;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One request to run a tool. Immutable and thread-safe.
 *
 * @param tool           the tool's wire name
 * @param arguments      arguments as plain JSON-like values (maps, lists, strings, numbers, booleans)
 * @param principal      who asks
 * @param runId          the agent run this call belongs to (or any correlation id of the caller's)
 * @param requestId      the HTTP request id (or any correlation id)
 * @param idempotencyKey a key for side-effecting tools; a repeat with the same key has no second effect
 * @param language       the language results should be worded in
 * @param channel        how the call arrived ({@value #AGENT}, {@value #APPROVAL}, {@code mcp}, ...); audited
 * @param approvalId     the approval this call executes, when it runs because an approver approved it
 */
public record ToolCall(
        String tool,
        Map<String, Object> arguments,
        Principal principal,
        String runId,
        String requestId,
        Optional<String> idempotencyKey,
        Language language,
        String channel,
        Optional<String> approvalId) {

    /** The channel of calls planned by an agent. */
    public static final String AGENT = "agent";

    /** The channel of a call run because an approver approved it. */
    public static final String APPROVAL = "approval";

    private static final Pattern CHANNEL = Pattern.compile("^[a-z][a-z0-9_.-]{0,31}$");

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
        channel = Objects.requireNonNullElse(channel, AGENT);
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("channel must match " + CHANNEL.pattern() + ", was '" + channel + "'");
        }
        approvalId = Objects.requireNonNullElse(approvalId, Optional.empty());
    }

    /** A call from an agent's plan, not executing an approval. */
    public ToolCall(
            String tool,
            Map<String, Object> arguments,
            Principal principal,
            String runId,
            String requestId,
            Optional<String> idempotencyKey,
            Language language) {
        this(tool, arguments, principal, runId, requestId, idempotencyKey, language, AGENT, Optional.empty());
    }

    /** A call with fresh ids, no idempotency key and English results; handy in tests and examples. */
    public static ToolCall of(String tool, Map<String, Object> arguments, Principal principal) {
        String id = java.util.UUID.randomUUID().toString();
        return new ToolCall(tool, arguments, principal, id, id, Optional.empty(), Language.EN);
    }

    /** This call with other arguments. */
    public ToolCall withArguments(Map<String, Object> newArguments) {
        return new ToolCall(
                tool, newArguments, principal, runId, requestId, idempotencyKey, language, channel, approvalId);
    }

    /** This call arriving over another channel (e.g. {@code mcp}). */
    public ToolCall withChannel(String newChannel) {
        return new ToolCall(
                tool, arguments, principal, runId, requestId, idempotencyKey, language, newChannel, approvalId);
    }

    /** This call as the execution of an approved approval (channel {@value #APPROVAL}). */
    public ToolCall withApprovalId(String id) {
        return new ToolCall(
                tool,
                arguments,
                principal,
                runId,
                requestId,
                idempotencyKey,
                language,
                APPROVAL,
                Optional.of(Objects.requireNonNull(id, "id")));
    }
}
