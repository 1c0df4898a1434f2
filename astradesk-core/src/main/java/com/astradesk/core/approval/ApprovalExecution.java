package com.astradesk.core.approval;

import com.astradesk.core.tool.ToolOutcome;
import java.util.Objects;

/**
 * The result of approving: the approval as stored and the outcome of running its step. Immutable.
 *
 * @param approval the approval, now {@link ApprovalState#APPROVED}
 * @param outcome  what the registry returned for the step (ok, denied or error)
 */
public record ApprovalExecution(Approval approval, ToolOutcome outcome) {
    public ApprovalExecution {
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(outcome, "outcome");
    }
}
