package com.astradesk.core.approval;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.ToolCall;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool call waiting for (or past) a human decision. The requester is kept as a snapshot (subject, roles,
 * groups, tenant at request time): an approved step runs as that principal. Made by {@link #pending} (or, for a
 * store reading one back, {@link #builder()}); {@link #toBuilder()} derives a changed copy. Immutable and
 * thread-safe.
 *
 * @param id             the approval id (UUID)
 * @param tool           the tool's wire name
 * @param arguments      the call's arguments
 * @param requester      who asked, as of the request
 * @param runId          the agent run the step belongs to
 * @param requestId      the request that planned the step
 * @param idempotencyKey the call's idempotency key, if it had one
 * @param language       the language results are worded in
 * @param createdAt      when it was requested
 * @param expiresAt      when it expires if still pending
 * @param state          where it stands
 * @param decidedBy      the approver's subject, once approved or rejected
 * @param decidedAt      when it was decided or expired
 * @param reason         the approver's reason for a rejection
 * @param executedAt     when the approved step was let through the registry's chain (it runs at most once)
 * @param result         what the approved step did when it ran (redacted), once recorded
 */
public record Approval(
        String id,
        String tool,
        Map<String, Object> arguments,
        Principal requester,
        String runId,
        String requestId,
        Optional<String> idempotencyKey,
        Language language,
        Instant createdAt,
        Instant expiresAt,
        ApprovalState state,
        Optional<String> decidedBy,
        Optional<Instant> decidedAt,
        Optional<String> reason,
        Optional<Instant> executedAt,
        Optional<ExecutedStep> result) {

    public Approval {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tool, "tool");
        arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(requestId, "requestId");
        idempotencyKey = Objects.requireNonNullElse(idempotencyKey, Optional.empty());
        language = Objects.requireNonNullElse(language, Language.EN);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt must be after createdAt");
        }
        Objects.requireNonNull(state, "state");
        decidedBy = Objects.requireNonNullElse(decidedBy, Optional.empty());
        decidedAt = Objects.requireNonNullElse(decidedAt, Optional.empty());
        reason = Objects.requireNonNullElse(reason, Optional.empty());
        executedAt = Objects.requireNonNullElse(executedAt, Optional.empty());
        result = Objects.requireNonNullElse(result, Optional.empty());
        if (result.isPresent() && executedAt.isEmpty()) {
            throw new IllegalArgumentException("a result needs executedAt: only an executed step has one");
        }
    }

    /** A pending approval for {@code call}. */
    public static Approval pending(String id, ToolCall call, Instant createdAt, Instant expiresAt) {
        return builder()
                .withId(id)
                .withCall(call)
                .withCreatedAt(createdAt)
                .withExpiresAt(expiresAt)
                .withState(ApprovalState.PENDING)
                .build();
    }

    /** A builder; see {@link Builder} for what is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this approval's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .withId(id)
                .withTool(tool)
                .withArguments(arguments)
                .withRequester(requester)
                .withRunId(runId)
                .withRequestId(requestId)
                .withIdempotencyKey(idempotencyKey)
                .withLanguage(language)
                .withCreatedAt(createdAt)
                .withExpiresAt(expiresAt)
                .withState(state)
                .withDecidedBy(decidedBy)
                .withDecidedAt(decidedAt)
                .withReason(reason)
                .withExecutedAt(executedAt)
                .withResult(result);
    }

    /** Whether it is still pending but past its expiry at {@code now}. */
    public boolean isOverdue(Instant now) {
        return state == ApprovalState.PENDING && !now.isBefore(expiresAt);
    }

    /** This approval moved to {@code newState}, decided by {@code by} (empty for expiry) at {@code at}. */
    public Approval decided(ApprovalState newState, Optional<String> by, Instant at, Optional<String> why) {
        return toBuilder()
                .withState(newState)
                .withDecidedBy(by)
                .withDecidedAt(Optional.of(at))
                .withReason(why)
                .build();
    }

    /** This approval with its step let through the chain at {@code at}. */
    public Approval executed(Instant at) {
        return toBuilder().withExecutedAt(Optional.of(at)).build();
    }

    /** This approval with what its executed step did. */
    public Approval ran(ExecutedStep step) {
        return toBuilder().withResult(Optional.of(step)).build();
    }

    /** Whether {@code call} is this approval's step: same tool, arguments and requester. */
    public boolean matches(ToolCall call) {
        return tool.equals(call.tool())
                && arguments.equals(call.arguments())
                && requester.subject().equals(call.principal().subject())
                && requester.tenant().equals(call.principal().tenant());
    }

    /**
     * The call to run once approved: as the requester, in the same run, over the {@code approval} channel carrying
     * this approval's id (the chain's approval gate admits it once), with the original idempotency key or {@code
     * approval:<id>} so the tool never acts twice.
     */
    public ToolCall toToolCall() {
        return ToolCall.builder()
                .withTool(tool)
                .withArguments(arguments)
                .withPrincipal(requester)
                .withRunId(runId)
                .withRequestId(requestId)
                .withIdempotencyKey(idempotencyKey.orElse("approval:" + id))
                .withLanguage(language)
                .withChannel(ToolCall.APPROVAL)
                .withApprovalId(id)
                .build();
    }

    /**
     * Builds an {@link Approval}. Required: {@code id}, {@code tool}, {@code requester}, {@code runId}, {@code
     * requestId} (or all five from {@link #withCall}), {@code createdAt}, {@code expiresAt} (after {@code createdAt})
     * and {@code state}; {@link #build()} names the first one missing. Not thread-safe; the approval it builds is.
     */
    public static final class Builder {
        private String id;
        private String tool;
        private Map<String, Object> arguments = Map.of();
        private Principal requester;
        private String runId;
        private String requestId;
        private Optional<String> idempotencyKey = Optional.empty();
        private Language language = Language.EN;
        private Instant createdAt;
        private Instant expiresAt;
        private ApprovalState state;
        private Optional<String> decidedBy = Optional.empty();
        private Optional<Instant> decidedAt = Optional.empty();
        private Optional<String> reason = Optional.empty();
        private Optional<Instant> executedAt = Optional.empty();
        private Optional<ExecutedStep> result = Optional.empty();

        private Builder() {}

        /** The approval id (UUID). */
        public Builder withId(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /** The step waiting for approval: its tool, arguments, caller (as requester), ids, key and language. */
        public Builder withCall(ToolCall call) {
            Objects.requireNonNull(call, "call");
            return withTool(call.tool())
                    .withArguments(call.arguments())
                    .withRequester(call.principal())
                    .withRunId(call.runId())
                    .withRequestId(call.requestId())
                    .withIdempotencyKey(call.idempotencyKey())
                    .withLanguage(call.language());
        }

        /** The tool's wire name. */
        public Builder withTool(String tool) {
            this.tool = Objects.requireNonNull(tool, "tool");
            return this;
        }

        /** The call's arguments; default none. */
        public Builder withArguments(Map<String, Object> arguments) {
            this.arguments = Objects.requireNonNull(arguments, "arguments");
            return this;
        }

        /** Who asked, as of the request. */
        public Builder withRequester(Principal requester) {
            this.requester = Objects.requireNonNull(requester, "requester");
            return this;
        }

        /** The agent run the step belongs to. */
        public Builder withRunId(String runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
            return this;
        }

        /** The request that planned the step. */
        public Builder withRequestId(String requestId) {
            this.requestId = Objects.requireNonNull(requestId, "requestId");
            return this;
        }

        /** The call's idempotency key, if it had one; default none. */
        public Builder withIdempotencyKey(Optional<String> idempotencyKey) {
            this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            return this;
        }

        /** The language results are worded in; default English. */
        public Builder withLanguage(Language language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /** When it was requested. */
        public Builder withCreatedAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            return this;
        }

        /** When it expires if still pending; must be after {@code createdAt}. */
        public Builder withExpiresAt(Instant expiresAt) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return this;
        }

        /** Where it stands. */
        public Builder withState(ApprovalState state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        /** The approver's subject, once approved or rejected; default none. */
        public Builder withDecidedBy(Optional<String> decidedBy) {
            this.decidedBy = Objects.requireNonNull(decidedBy, "decidedBy");
            return this;
        }

        /** When it was decided or expired; default none. */
        public Builder withDecidedAt(Optional<Instant> decidedAt) {
            this.decidedAt = Objects.requireNonNull(decidedAt, "decidedAt");
            return this;
        }

        /** The approver's reason; default none. */
        public Builder withReason(Optional<String> reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /** When the approved step was let through the registry's chain; default none. */
        public Builder withExecutedAt(Optional<Instant> executedAt) {
            this.executedAt = Objects.requireNonNull(executedAt, "executedAt");
            return this;
        }

        /** What the approved step did when it ran; default none (needs {@code executedAt}). */
        public Builder withResult(Optional<ExecutedStep> result) {
            this.result = Objects.requireNonNull(result, "result");
            return this;
        }

        /**
         * The approval.
         *
         * @throws NullPointerException naming the first required value not set
         * @throws IllegalArgumentException when {@code expiresAt} is not after {@code createdAt}, or a result is
         *     set without {@code executedAt}
         */
        public Approval build() {
            return new Approval(
                    id,
                    tool,
                    arguments,
                    requester,
                    runId,
                    requestId,
                    idempotencyKey,
                    language,
                    createdAt,
                    expiresAt,
                    state,
                    decidedBy,
                    decidedAt,
                    reason,
                    executedAt,
                    result);
        }
    }
}
