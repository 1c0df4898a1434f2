package com.astradesk.core.tool.internal;

import com.astradesk.core.tool.ApprovalGate;
import com.astradesk.core.tool.CallOutcome;

/** Approval gate: parks a call that needs a human decision, and admits the execution of an approved one. */
final class ApprovalStage implements ToolStage {
    private final ApprovalGate gate;

    ApprovalStage(ApprovalGate gate) {
        this.gate = gate;
    }

    @Override
    public String name() {
        return "approval";
    }

    @Override
    public Verdict apply(Invocation invocation, Next next) {
        ApprovalGate.Check check = gate.check(invocation.call(), invocation.descriptor());
        if (check instanceof ApprovalGate.Check.Pending pending) {
            return Verdict.pending(invocation.call(), pending);
        }
        if (check instanceof ApprovalGate.Check.Refused refused) {
            return Verdict.failed(invocation.call(), CallOutcome.APPROVAL_INVALID, refused.reason());
        }
        return next.proceed(invocation);
    }
}
