package com.astradesk.core.approval;

/** The requester tried to decide their own approval (the server answers 403). */
public class SelfApprovalException extends ApprovalException {
    private static final long serialVersionUID = 1L;

    /** @param approvalId the approval */
    public SelfApprovalException(String approvalId) {
        super(approvalId, "approval '" + approvalId + "' cannot be decided by its requester");
    }
}
