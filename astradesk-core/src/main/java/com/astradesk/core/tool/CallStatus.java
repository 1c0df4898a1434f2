package com.astradesk.core.tool;

import java.util.Locale;

/** How a tool call (a plan step) ended, as the caller sees it; {@link CallOutcome} says exactly why. */
public enum CallStatus {
    /** The tool ran and returned a result. */
    OK,
    /** Policy refused the call; the tool did not run. */
    DENIED,
    /** Arguments were invalid, the tool failed or timed out, or its lock was held. */
    ERROR,
    /**
     * The step needs a human approval first; it did not run and the run stopped before it. The step's
     * result holds the approval id ({@code approval_id}).
     */
    PENDING_APPROVAL,
    /** The caller's per-tool rate limit was exhausted; the tool did not run and the run stopped before it. */
    RATE_LIMITED;

    /** The wire name: {@code ok}, {@code denied}, {@code error}, {@code pending_approval} or {@code rate_limited}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
