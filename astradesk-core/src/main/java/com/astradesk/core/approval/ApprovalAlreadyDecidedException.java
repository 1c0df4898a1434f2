package com.astradesk.core.approval;

/** The approval was already approved, rejected or expired (the server answers 409). Carries its state. */
public class ApprovalAlreadyDecidedException extends ApprovalException {
    private static final long serialVersionUID = 1L;

    private final ApprovalState state;

    /**
     * @param approvalId the approval
     * @param state      its current state
     */
    public ApprovalAlreadyDecidedException(String approvalId, ApprovalState state) {
        super(approvalId, "approval '" + approvalId + "' is already " + state.wireName());
        this.state = state;
    }

    /** The approval's current state. */
    public ApprovalState state() {
        return state;
    }
}
