package com.astradesk.core.approval;

import com.astradesk.core.AstraDeskException;

/** Root of the approval errors; carries the approval id. Messages are safe to show the caller. */
public class ApprovalException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final String approvalId;

    /**
     * @param approvalId the approval concerned
     * @param message    what went wrong
     */
    public ApprovalException(String approvalId, String message) {
        super(message);
        this.approvalId = approvalId;
    }

    /** The approval concerned. */
    public String approvalId() {
        return approvalId;
    }
}
