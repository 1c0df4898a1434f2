package com.astradesk.tools.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgent a ticket is. */
public enum TicketPriority {
    LOW,
    MEDIUM,
    HIGH;

    /** The wire name: {@code low}, {@code medium} or {@code high}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The priority with this wire name (case-insensitive), if any. */
    public static Optional<TicketPriority> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wireName().equals(v)).findFirst();
    }
}
