package com.astradesk.core.approval;

/** No approval has this id (the server answers 404). */
public class ApprovalNotFoundException extends ApprovalException {
    private static final long serialVersionUID = 1L;

    /** @param approvalId the unknown id */
    public ApprovalNotFoundException(String approvalId) {
        super(approvalId, "approval '" + approvalId + "' does not exist");
    }
}
