package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.LocalDate;
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
 * @param outboxId       the outbox row the relay sent it from, 0 when unknown (a direct publish); the same when the
 *                       relay sends the row again, whatever the stream sequence
 * @param publishedLate  whether the stream got it later after its timestamp than half the stream's duplicate window:
 *                       only such a message can be a relay's second send that the stream did not drop, so a sink
 *                       may hold it already (from the first send)
 */
public record AuditEvent(
        AuditRecord record, String json, long streamSequence, long deliveries, long outboxId, boolean publishedLate) {
    private static final DateTimeFormatter DAY_PATH =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);
    private static final long SECONDS_PER_DAY = 86_400;
    /**
     * Day paths and months by UTC epoch day: formatting costs about 1 kB of garbage per call and the sinks ask for
     * every event, while a batch spans a day or two.
     */
    private static final LoadingCache<Long, String> DAY_PATHS =
            Caffeine.newBuilder().maximumSize(1_024).build(day -> DAY_PATH.format(LocalDate.ofEpochDay(day)));

    private static final LoadingCache<Long, String> MONTHS =
            Caffeine.newBuilder().maximumSize(1_024).build(day -> MONTH.format(LocalDate.ofEpochDay(day)));

    public AuditEvent {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(json, "json");
        if (streamSequence < 0) {
            throw new IllegalArgumentException("streamSequence must not be negative, was " + streamSequence);
        }
        if (deliveries < 1) {
            throw new IllegalArgumentException("deliveries must be at least 1, was " + deliveries);
        }
        if (outboxId < 0) {
            throw new IllegalArgumentException("outboxId must not be negative, was " + outboxId);
        }
    }

    /** An event delivered for the first time, from no known stream position. */
    public AuditEvent(AuditRecord record, String json) {
        this(record, json, 0, 1, 0, false);
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
        return new AuditEvent(record, json, sequence, count, outboxId, publishedLate);
    }

    /** This event as relayed from outbox row {@code id} (0: unknown), published late or not. */
    public AuditEvent relayed(long id, boolean late) {
        return new AuditEvent(record, json, streamSequence, deliveries, id, late);
    }

    /** Whether the message was delivered before (so a sink may already hold it). */
    public boolean redelivered() {
        return deliveries > 1;
    }

    /**
     * Whether a sink may hold this event already: a re-delivery, or a relay's second send of an outbox row after the
     * stream's duplicate window (a new message with a new stream sequence, delivered once).
     */
    public boolean maybeStoredBefore() {
        return redelivered() || (outboxId > 0 && publishedLate);
    }

    /**
     * The number the batch archive files this event under and finds it by: the outbox id when known (the event's
     * audit row id; the outbox row id of a row written before V9; the same for every send), else the stream sequence (the same for every delivery of the message); 0 unknown.
     */
    public long archiveSequence() {
        return outboxId > 0 ? outboxId : streamSequence;
    }

    /** The event id (the idempotency key of every sink). */
    public String eventId() {
        return record.eventId();
    }

    /** {@code yyyy/MM/dd} of the event time in UTC (the archive partition). */
    public String dayPath() {
        return DAY_PATHS.get(epochDay());
    }

    /** {@code yyyy.MM} of the event time in UTC (the index suffix). */
    public String month() {
        return MONTHS.get(epochDay());
    }

    private long epochDay() {
        return Math.floorDiv(record.ts().getEpochSecond(), SECONDS_PER_DAY);
    }
}
