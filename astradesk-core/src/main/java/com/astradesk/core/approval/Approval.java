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
 * groups, tenant at request time): an approved step runs as that principal. Immutable and thread-safe.
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
        Optional<Instant> executedAt) {

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
    }

    /** A pending approval for {@code call}. */
    public static Approval pending(String id, ToolCall call, Instant createdAt, Instant expiresAt) {
        return new Approval(
                id,
                call.tool(),
                call.arguments(),
                call.principal(),
                call.runId(),
                call.requestId(),
                call.idempotencyKey(),
                call.language(),
                createdAt,
                expiresAt,
                ApprovalState.PENDING,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** Whether it is still pending but past its expiry at {@code now}. */
    public boolean isOverdue(Instant now) {
        return state == ApprovalState.PENDING && !now.isBefore(expiresAt);
    }

    /** This approval moved to {@code newState}, decided by {@code by} (empty for expiry) at {@code at}. */
    public Approval decided(ApprovalState newState, Optional<String> by, Instant at, Optional<String> why) {
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
                newState,
                by,
                Optional.of(at),
                why,
                executedAt);
    }

    /** This approval with its step let through the chain at {@code at}. */
    public Approval executed(Instant at) {
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
                Optional.of(at));
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
        return new ToolCall(
                        tool,
                        arguments,
                        requester,
                        runId,
                        requestId,
                        Optional.of(idempotencyKey.orElse("approval:" + id)),
                        language)
                .withApprovalId(id);
    }
}
