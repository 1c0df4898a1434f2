package com.astradesk.core.tool;

import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.ratelimit.RateLimitDecision;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry's answer to one {@link ToolCall}: it never throws for policy, approval, rate-limit, validation or
 * tool failures; they arrive here. Immutable.
 *
 * @param tool      the tool name as called
 * @param arguments the arguments as called (after defaults were applied, when valid)
 * @param outcome   exactly how the chain ended the call ({@link #status()} is what the caller sees)
 * @param result    the tool's result when the outcome is {@link CallOutcome#OK}
 * @param error     a message safe to show the caller, for the error, rate-limit and approval outcomes
 * @param denial    the denial, for the denied outcomes
 * @param rateLimit the per-tool rate-limit decision, when a per-tool limit applied (allowed or not)
 * @param approval  the pending approval, for {@link CallOutcome#PENDING_APPROVAL}
 * @param audit     the audit record written for this call
 * @param elapsed   wall time spent in the chain
 */
public record ToolOutcome(
        String tool,
        Map<String, Object> arguments,
        CallOutcome outcome,
        Optional<ToolResult> result,
        Optional<String> error,
        Optional<ToolDenial> denial,
        Optional<RateLimitDecision> rateLimit,
        Optional<ApprovalGate.Check.Pending> approval,
        AuditRecord audit,
        Duration elapsed) {

    public ToolOutcome {
        Objects.requireNonNull(tool, "tool");
        arguments = arguments == null ? Map.of() : com.astradesk.core.internal.FrozenMap.copyOf(arguments);
        Objects.requireNonNull(outcome, "outcome");
        result = Objects.requireNonNullElse(result, Optional.empty());
        error = Objects.requireNonNullElse(error, Optional.empty());
        denial = Objects.requireNonNullElse(denial, Optional.empty());
        rateLimit = Objects.requireNonNullElse(rateLimit, Optional.empty());
        approval = Objects.requireNonNullElse(approval, Optional.empty());
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** How the call ended, as the caller sees it. */
    public CallStatus status() {
        return outcome.status();
    }
}
