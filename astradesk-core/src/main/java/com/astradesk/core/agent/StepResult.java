package com.astradesk.core.agent;

import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolDenial;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one plan step went. Immutable.
 *
 * @param tool    the tool
 * @param args    the arguments
 * @param status  ok, denied, error, pending approval or rate limited
 * @param summary what the tool did, in the request's language (when ok)
 * @param result  the tool's structured result (when ok)
 * @param error   a safe message (when error or denied)
 * @param denial    the denial (when denied)
 * @param rateLimit the per-tool rate-limit decision (when a per-tool limit applied; refused when rate limited)
 */
public record StepResult(
        String tool,
        Map<String, Object> args,
        CallStatus status,
        Optional<String> summary,
        Optional<Map<String, Object>> result,
        Optional<String> error,
        Optional<ToolDenial> denial,
        Optional<RateLimitDecision> rateLimit) {
    /** The result key holding the approval id of a {@link CallStatus#PENDING_APPROVAL} step. */
    public static final String APPROVAL_ID = "approval_id";

    public StepResult {
        Objects.requireNonNull(tool, "tool");
        args = args == null ? Map.of() : com.astradesk.core.internal.FrozenMap.copyOf(args);
        Objects.requireNonNull(status, "status");
        summary = Objects.requireNonNullElse(summary, Optional.empty());
        result = Objects.requireNonNullElse(result, Optional.empty());
        error = Objects.requireNonNullElse(error, Optional.empty());
        denial = Objects.requireNonNullElse(denial, Optional.empty());
        rateLimit = Objects.requireNonNullElse(rateLimit, Optional.empty());
    }

    /** A step without a rate-limit decision. */
    public StepResult(
            String tool,
            Map<String, Object> args,
            CallStatus status,
            Optional<String> summary,
            Optional<Map<String, Object>> result,
            Optional<String> error,
            Optional<ToolDenial> denial) {
        this(tool, args, status, summary, result, error, denial, Optional.empty());
    }

    /** The approval id when this step awaits approval. */
    public Optional<String> approvalId() {
        if (status != CallStatus.PENDING_APPROVAL) {
            return Optional.empty();
        }
        return result.map(r -> r.get(APPROVAL_ID)).map(Object::toString);
    }
}
