package com.astradesk.core.tool.internal;

import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.tool.ApprovalGate;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDenial;
import com.astradesk.core.tool.ToolResult;
import java.util.Optional;

/** How the chain ended a call, before the audit stage records it. Immutable. */
record Verdict(
        ToolCall call,
        CallOutcome outcome,
        Optional<ToolResult> result,
        Optional<String> error,
        Optional<ToolDenial> denial,
        Optional<RateLimitDecision> rateLimit,
        Optional<ApprovalGate.Check.Pending> approval) {

    static Verdict ok(ToolCall call, ToolResult result) {
        return new Verdict(
                call,
                CallOutcome.OK,
                Optional.of(result),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static Verdict failed(ToolCall call, CallOutcome outcome, String error) {
        return new Verdict(
                call,
                outcome,
                Optional.empty(),
                Optional.of(error),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static Verdict denied(ToolCall call, CallOutcome outcome, ToolDenial denial) {
        return new Verdict(
                call,
                outcome,
                Optional.empty(),
                Optional.of(denial.reason()),
                Optional.of(denial),
                Optional.empty(),
                Optional.empty());
    }

    static Verdict rateLimited(ToolCall call, RateLimitDecision decision) {
        return failed(
                        call,
                        CallOutcome.RATE_LIMITED,
                        "rate limit for '" + call.tool() + "' reached; retry in " + decision.retryAfterSeconds() + " s")
                .withRateLimit(decision);
    }

    static Verdict pending(ToolCall call, ApprovalGate.Check.Pending pending) {
        return new Verdict(
                call,
                CallOutcome.PENDING_APPROVAL,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(pending));
    }

    /** This verdict carrying the per-tool rate-limit decision taken on the way. */
    Verdict withRateLimit(RateLimitDecision decision) {
        return new Verdict(call, outcome, result, error, denial, Optional.of(decision), approval);
    }
}
