package com.astradesk.core.approval;

/**
 * The principal may not decide approvals: it lacks the approver role, or belongs to another tenant than the
 * requester (the server answers 403). Carries the role needed.
 */
public class NotAnApproverException extends ApprovalException {
    private static final long serialVersionUID = 1L;

    private final String requiredRole;

    /**
     * @param approvalId   the approval
     * @param requiredRole the approver role
     * @param detail       why, safe to show
     */
    public NotAnApproverException(String approvalId, String requiredRole, String detail) {
        super(approvalId, detail);
        this.requiredRole = requiredRole;
    }

    /** The role an approver needs. */
    public String requiredRole() {
        return requiredRole;
    }
}
