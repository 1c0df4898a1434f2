package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * An audit event as received from the bus: the parsed record and the exact wire JSON, which the sinks store
 * byte for byte so the archived copy hashes like the original, plus where it came from on the stream.
 * Immutable and thread-safe.
 *
 * @param record         the parsed v1 event
 * @param json           the wire JSON as published
 * @param streamSequence the JetStream stream sequence of the message, 0 when unknown; the same on every
 *                       re-delivery
 * @param deliveries     how many times the message has been delivered (1 the first time); a sink may have
 *                       stored an event delivered more than once already
 */
public record AuditEvent(AuditRecord record, String json, long streamSequence, long deliveries) {
    private static final DateTimeFormatter DAY_PATH =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

    public AuditEvent {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(json, "json");
        if (streamSequence < 0) {
            throw new IllegalArgumentException("streamSequence must not be negative, was " + streamSequence);
        }
        if (deliveries < 1) {
            throw new IllegalArgumentException("deliveries must be at least 1, was " + deliveries);
        }
    }

    /** An event delivered for the first time, from no known stream position. */
    public AuditEvent(AuditRecord record, String json) {
        this(record, json, 0, 1);
    }

    /**
     * Parses wire JSON.
     *
     * @throws com.astradesk.core.audit.AuditEventFormatException when it is not a v1 audit event
     */
    public static AuditEvent parse(String json) {
        return new AuditEvent(AuditEvents.fromJson(json), json);
    }

    /** This event as delivered from stream position {@code sequence} for the {@code count}-th time. */
    public AuditEvent delivered(long sequence, long count) {
        return new AuditEvent(record, json, sequence, count);
    }

    /** Whether the message was delivered before (so a sink may already hold it). */
    public boolean redelivered() {
        return deliveries > 1;
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
