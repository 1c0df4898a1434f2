package com.astradesk.core.audit;

import java.util.Locale;

/** The decision an audit record reports. */
public enum AuditDecision {
    ALLOWED,
    DENIED,
    ERROR;

    /** The wire name: {@code allowed}, {@code denied} or {@code error}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
