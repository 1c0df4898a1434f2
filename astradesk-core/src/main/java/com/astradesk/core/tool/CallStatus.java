package com.astradesk.core.tool;

import java.util.Locale;

/** How a tool call (a plan step) ended. */
public enum CallStatus {
    /** The tool ran and returned a result. */
    OK,
    /** Policy refused the call; the tool did not run. */
    DENIED,
    /** Arguments were invalid, the tool failed or timed out. */
    ERROR,
    /**
     * The step needs a human approval first; it did not run and the run stopped before it. The step's
     * result holds the approval id ({@code approval_id}).
     */
    PENDING_APPROVAL;

    /** The wire name: {@code ok}, {@code denied}, {@code error} or {@code pending_approval}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
