package com.astradesk.core.tool;

import java.util.Locale;

/** How a tool call (a plan step) ended. */
public enum CallStatus {
    /** The tool ran and returned a result. */
    OK,
    /** Policy refused the call; the tool did not run. */
    DENIED,
    /** Arguments were invalid, the tool failed or timed out. */
    ERROR;

    /** The wire name: {@code ok}, {@code denied} or {@code error}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
