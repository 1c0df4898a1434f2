package com.astradesk.core.audit;

import java.util.Locale;

/** The decision an audit record reports. */
public enum AuditDecision {
    ALLOWED,
    DENIED,
    ERROR,
    /** The action waits for a human decision (a tool call parked for approval). */
    PENDING;

    /** The wire name: {@code allowed}, {@code denied}, {@code error} or {@code pending}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
