package com.astradesk.tools.ticket;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An IT ticket. Immutable and thread-safe.
 *
 * @param id          e.g. {@code TKT-42}
 * @param title       short title, at most 120 characters
 * @param description what is wrong
 * @param priority    how urgent
 * @param status      where it is in its life
 * @param reporter    the subject of whoever opened it
 * @param createdAt   when it was opened
 */
public record Ticket(
        String id,
        String title,
        String description,
        TicketPriority priority,
        TicketStatus status,
        String reporter,
        Instant createdAt) {

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** This ticket as plain JSON-like values with snake_case keys. */
    public Map<String, Object> toData() {
        var m = new LinkedHashMap<String, Object>();
        m.put("ticket_id", id);
        m.put("title", title);
        m.put("description", description);
        m.put("priority", priority.wireName());
        m.put("status", status.wireName());
        m.put("reporter", reporter);
        m.put("created_at", createdAt.toString());
        return m;
    }
}
