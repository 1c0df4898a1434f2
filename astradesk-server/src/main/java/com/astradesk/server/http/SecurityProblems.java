package com.astradesk.server.http;

import com.astradesk.core.approval.ApprovalAlreadyDecidedException;
import com.astradesk.core.approval.ApprovalExpiredException;
import com.astradesk.core.approval.ApprovalNotFoundException;
import com.astradesk.core.approval.NotAnApproverException;
import com.astradesk.core.approval.SelfApprovalException;
import com.astradesk.core.idempotency.IdempotencyInProgressException;
import com.astradesk.core.idempotency.IdempotencyKeyMismatchException;
import com.astradesk.core.ratelimit.RateLimitExceededException;
import com.astradesk.core.ratelimit.RateLimiterUnavailableException;
import io.javalin.http.Context;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Problem mapping for traffic and safety failures (rate limits, idempotency, approvals); called from
 * {@link ProblemMapper#handle} so that there is still one place that maps. Stateless.
 */
final class SecurityProblems {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityProblems.class);

    private SecurityProblems() {}

    /** Writes the problem for {@code e} and returns true, or returns false when {@code e} is not one of ours. */
    static boolean handle(Exception e, Context ctx) {
        if (e instanceof RateLimitExceededException limited) {
            limited.decision().headers().forEach(ctx::header);
            ProblemMapper.write(
                    ctx,
                    429,
                    "rate_limited",
                    limited.getMessage(),
                    Map.of("retry_after", limited.decision().retryAfterSeconds()));
        } else if (e instanceof RateLimiterUnavailableException down) {
            LOG.warn("rate limiter unavailable; refusing the request (fail closed)");
            ctx.header(
                    "Retry-After", Long.toString(Math.max(1, down.retryAfter().toSeconds())));
            ProblemMapper.write(ctx, 503, "service_unavailable", "rate limiter unavailable; retry later", Map.of());
        } else if (e instanceof IdempotencyKeyMismatchException mismatch) {
            ProblemMapper.write(ctx, 422, "idempotency_key_reused", mismatch.getMessage(), Map.of());
        } else if (e instanceof IdempotencyInProgressException running) {
            ctx.header("Retry-After", "1");
            ProblemMapper.write(ctx, 409, "idempotency_in_progress", running.getMessage(), Map.of());
        } else if (e instanceof ApprovalNotFoundException missing) {
            ProblemMapper.write(ctx, 404, "approval_not_found", missing.getMessage(), Map.of());
        } else if (e instanceof SelfApprovalException self) {
            ProblemMapper.write(ctx, 403, "self_approval", self.getMessage(), Map.of());
        } else if (e instanceof NotAnApproverException notApprover) {
            ProblemMapper.write(
                    ctx,
                    403,
                    "not_an_approver",
                    notApprover.getMessage(),
                    Map.of("required_roles", java.util.List.of(notApprover.requiredRole())));
        } else if (e instanceof ApprovalExpiredException expired) {
            ProblemMapper.write(ctx, 409, "approval_expired", expired.getMessage(), Map.of("state", "expired"));
        } else if (e instanceof ApprovalAlreadyDecidedException decided) {
            ProblemMapper.write(
                    ctx,
                    409,
                    "approval_already_decided",
                    decided.getMessage(),
                    Map.of("state", decided.state().wireName()));
        } else {
            return false;
        }
        return true;
    }
}
