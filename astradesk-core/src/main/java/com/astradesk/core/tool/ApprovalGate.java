package com.astradesk.core.tool;

import java.time.Instant;
import java.util.Objects;

/**
 * The approval stage of the registry's chain: after the policy allowed a call, decides whether it must wait for
 * a human decision. A call that carries an {@link ToolCall#approvalId() approval id} is the execution of an
 * approval; the gate lets it through only when that approval is approved, matches the call and was not executed
 * before. {@link com.astradesk.core.approval.ApprovalService} is the stock implementation. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ApprovalGate {

    /** A gate that never parks a call (no approvals configured). */
    ApprovalGate NONE = (call, tool) -> Check.PROCEED;

    /** The gate's answer for one call. */
    Check check(ToolCall call, ToolDescriptor tool);

    /** What the gate decided. */
    sealed interface Check permits Check.Proceed, Check.Pending, Check.Refused {
        /** Run the call now. */
        Check PROCEED = new Proceed();

        /** Run the call now. */
        record Proceed() implements Check {}

        /**
         * The call was parked as a pending approval; it does not run.
         *
         * @param approvalId the approval to decide
         * @param expiresAt  when it expires if nobody decides
         */
        record Pending(String approvalId, Instant expiresAt) implements Check {
            public Pending {
                Objects.requireNonNull(approvalId, "approvalId");
                Objects.requireNonNull(expiresAt, "expiresAt");
            }
        }

        /**
         * The call claims an approval that does not allow it; it does not run.
         *
         * @param reason a message safe to show the caller
         */
        record Refused(String reason) implements Check {
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
