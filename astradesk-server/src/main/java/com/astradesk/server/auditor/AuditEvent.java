package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * An audit event as received from the bus: the parsed record and the exact wire JSON, which the sinks store
 * byte for byte so the archived copy hashes like the original. Immutable and thread-safe.
 *
 * @param record the parsed v1 event
 * @param json   the wire JSON as published
 */
public record AuditEvent(AuditRecord record, String json) {
    private static final DateTimeFormatter DAY_PATH =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

    public AuditEvent {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(json, "json");
    }

    /**
     * Parses wire JSON.
     *
     * @throws com.astradesk.core.audit.AuditEventFormatException when it is not a v1 audit event
     */
    public static AuditEvent parse(String json) {
        return new AuditEvent(AuditEvents.fromJson(json), json);
    }

    /** The event id (the idempotency key of every sink). */
    public String eventId() {
        return record.eventId();
    }

    /** {@code yyyy/MM/dd} of the event time in UTC (the archive partition). */
    public String dayPath() {
        return DAY_PATH.format(record.ts());
    }

    /** {@code yyyy.MM} of the event time in UTC (the index suffix). */
    public String month() {
        return MONTH.format(record.ts());
    }
}
