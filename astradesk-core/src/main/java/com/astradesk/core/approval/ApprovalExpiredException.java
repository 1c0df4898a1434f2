package com.astradesk.core.approval;

/** The approval expired before anyone decided (the server answers 410). */
public class ApprovalExpiredException extends ApprovalException {
    private static final long serialVersionUID = 1L;

    /** @param approvalId the approval */
    public ApprovalExpiredException(String approvalId) {
        super(approvalId, "approval '" + approvalId + "' has expired");
    }
}
