package com.astradesk.tools.ticket;

import java.util.Locale;

/** Where a ticket is in its life. */
public enum TicketStatus {
    OPEN,
    IN_PROGRESS,
    RESOLVED,
    CLOSED;

    /** The wire name: {@code open}, {@code in_progress}, {@code resolved} or {@code closed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
