package com.astradesk.core.tool;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One request to run a tool. Build one with {@link #builder()} (or {@link #of} in tests and examples); derive a
 * changed copy with {@link #toBuilder()}. Immutable and thread-safe.
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
 * @param question       the request the call serves, as its user wrote it, when an agent planned the call; a tool
 *                       that answers less than was asked (an error rate from a backend without error data, a
 *                       forecast from a current-weather service) reads it to say what it could not answer. Not
 *                       audited and not echoed by the built-in tools
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
        Optional<String> approvalId,
        Optional<String> question) {

    /** The channel of calls planned by an agent. */
    public static final String AGENT = "agent";

    /** The channel of a call run because an approver approved it. */
    public static final String APPROVAL = "approval";

    private static final Pattern CHANNEL = Pattern.compile("^[a-z][a-z0-9_.-]{0,31}$");

    public ToolCall {
        Objects.requireNonNull(tool, "tool");
        arguments = arguments == null ? Map.of() : com.astradesk.core.internal.FrozenMap.copyOf(arguments);
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
        question =
                Objects.requireNonNullElse(question, Optional.<String>empty()).filter(q -> !q.isBlank());
    }

    /** A call without the question it serves (the canonical form before {@code question} was added). */
    public ToolCall(
            String tool,
            Map<String, Object> arguments,
            Principal principal,
            String runId,
            String requestId,
            Optional<String> idempotencyKey,
            Language language,
            String channel,
            Optional<String> approvalId) {
        this(
                tool,
                arguments,
                principal,
                runId,
                requestId,
                idempotencyKey,
                language,
                channel,
                approvalId,
                Optional.empty());
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
        this(
                tool,
                arguments,
                principal,
                runId,
                requestId,
                idempotencyKey,
                language,
                AGENT,
                Optional.empty(),
                Optional.empty());
    }

    /** A call with fresh ids, no idempotency key and English results; handy in tests and examples. */
    public static ToolCall of(String tool, Map<String, Object> arguments, Principal principal) {
        return builder()
                .withTool(tool)
                .withArguments(arguments)
                .withPrincipal(principal)
                .build();
    }

    /**
     * A builder for a call; {@code tool} and {@code principal} are required, an unset {@code runId} and {@code
     * requestId} get one fresh random UUID, the channel defaults to {@value #AGENT}, the language to English.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this call's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .withTool(tool)
                .withArguments(arguments)
                .withPrincipal(principal)
                .withRunId(runId)
                .withRequestId(requestId)
                .withIdempotencyKey(idempotencyKey)
                .withLanguage(language)
                .withChannel(channel)
                .withApprovalId(approvalId)
                .withQuestion(question);
    }

    /** This call with other arguments. */
    public ToolCall withArguments(Map<String, Object> newArguments) {
        return toBuilder().withArguments(newArguments).build();
    }

    /** This call arriving over another channel (e.g. {@code mcp}). */
    public ToolCall withChannel(String newChannel) {
        return toBuilder().withChannel(newChannel).build();
    }

    /** This call as the execution of an approved approval (channel {@value #APPROVAL}). */
    public ToolCall withApprovalId(String id) {
        return toBuilder()
                .withChannel(APPROVAL)
                .withApprovalId(Objects.requireNonNull(id, "id"))
                .build();
    }

    /**
     * Builds a {@link ToolCall}; {@link #build()} names the first required value missing ({@code tool}, {@code
     * principal}) and checks the channel. Not thread-safe; the call it builds is.
     */
    public static final class Builder {
        private String tool;
        private Map<String, Object> arguments = Map.of();
        private Principal principal;
        private String runId;
        private String requestId;
        private Optional<String> idempotencyKey = Optional.empty();
        private Language language = Language.EN;
        private String channel = AGENT;
        private Optional<String> approvalId = Optional.empty();
        private Optional<String> question = Optional.empty();

        private Builder() {}

        /** The tool's wire name. */
        public Builder withTool(String tool) {
            this.tool = Objects.requireNonNull(tool, "tool");
            return this;
        }

        /** The arguments, as plain JSON-like values; default none. */
        public Builder withArguments(Map<String, Object> arguments) {
            this.arguments = Objects.requireNonNull(arguments, "arguments");
            return this;
        }

        /** Who asks. */
        public Builder withPrincipal(Principal principal) {
            this.principal = Objects.requireNonNull(principal, "principal");
            return this;
        }

        /** The agent run the call belongs to; default a fresh random UUID (the same as an unset request id). */
        public Builder withRunId(String runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
            return this;
        }

        /** The request id (or any correlation id); default a fresh random UUID (the same as an unset run id). */
        public Builder withRequestId(String requestId) {
            this.requestId = Objects.requireNonNull(requestId, "requestId");
            return this;
        }

        /** A key for side-effecting tools: a repeat with the same key has no second effect. */
        public Builder withIdempotencyKey(String idempotencyKey) {
            return withIdempotencyKey(Optional.of(idempotencyKey));
        }

        /** The idempotency key, if any; default none. */
        public Builder withIdempotencyKey(Optional<String> idempotencyKey) {
            this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            return this;
        }

        /** The language results are worded in; default English. */
        public Builder withLanguage(Language language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /** How the call arrived ({@value #AGENT}, {@value #APPROVAL}, {@code mcp}, ...); default {@value #AGENT}. */
        public Builder withChannel(String channel) {
            this.channel = Objects.requireNonNull(channel, "channel");
            return this;
        }

        /** The approval this call executes (set the channel to {@value #APPROVAL} too). */
        public Builder withApprovalId(String approvalId) {
            return withApprovalId(Optional.of(approvalId));
        }

        /** The approval this call executes, if any; default none. */
        public Builder withApprovalId(Optional<String> approvalId) {
            this.approvalId = Objects.requireNonNull(approvalId, "approvalId");
            return this;
        }

        /** The request the call serves, as its user wrote it (an agent sets it to the run's input). */
        public Builder withQuestion(String question) {
            return withQuestion(Optional.of(question));
        }

        /** The request the call serves, if any; default none. A blank question counts as none. */
        public Builder withQuestion(Optional<String> question) {
            this.question = Objects.requireNonNull(question, "question");
            return this;
        }

        /**
         * The call.
         *
         * @throws NullPointerException naming the first required value not set
         * @throws IllegalArgumentException when the channel is not a lower-case word of at most 32 characters
         */
        public ToolCall build() {
            String fresh =
                    runId == null || requestId == null ? UUID.randomUUID().toString() : null;
            String run = runId != null ? runId : fresh;
            String request = requestId != null ? requestId : fresh;
            return new ToolCall(
                    Objects.requireNonNull(tool, "tool"),
                    arguments,
                    Objects.requireNonNull(principal, "principal"),
                    run,
                    request,
                    idempotencyKey,
                    language,
                    channel,
                    approvalId,
                    question);
        }
    }
}
