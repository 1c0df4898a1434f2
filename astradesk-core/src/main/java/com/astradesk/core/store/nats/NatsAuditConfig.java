package com.astradesk.core.store.nats;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how audit events travel on NATS JetStream. Immutable and thread-safe.
 *
 * @param url               the NATS server URL, e.g. {@code nats://127.0.0.1:4222}
 * @param stream            the JetStream stream, {@code ASTRADESK_AUDIT}
 * @param subject           the audit subject, {@code astradesk.audit}
 * @param dlqSubject        the dead-letter subject for poison events, {@code astradesk.audit.dlq}
 * @param duplicateWindow   the stream's dedup window on {@code Nats-Msg-Id} (at least 2 minutes)
 * @param connectionTimeout how long one connect attempt may take
 * @param reconnectWait     pause between reconnect attempts while the server is away
 */
public record NatsAuditConfig(
        String url,
        String stream,
        String subject,
        String dlqSubject,
        Duration duplicateWindow,
        Duration connectionTimeout,
        Duration reconnectWait) {

    /** The default stream {@code ASTRADESK_AUDIT} on {@code astradesk.audit} / {@code astradesk.audit.dlq}. */
    public static final String DEFAULT_STREAM = "ASTRADESK_AUDIT";

    /** The default audit subject. */
    public static final String DEFAULT_SUBJECT = "astradesk.audit";

    /** Defaults for {@code url}: the standard stream and subjects, 2-minute dedup window, 2 s timeouts. */
    public static NatsAuditConfig defaults(String url) {
        return new NatsAuditConfig(
                url,
                DEFAULT_STREAM,
                DEFAULT_SUBJECT,
                DEFAULT_SUBJECT + ".dlq",
                Duration.ofMinutes(2),
                Duration.ofSeconds(2),
                Duration.ofMillis(500));
    }

    public NatsAuditConfig {
        nonBlank(url, "url");
        nonBlank(stream, "stream");
        nonBlank(subject, "subject");
        nonBlank(dlqSubject, "dlqSubject");
        if (subject.equals(dlqSubject)) {
            throw new IllegalArgumentException("dlqSubject must differ from subject");
        }
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        if (duplicateWindow.compareTo(Duration.ofMinutes(2)) < 0) {
            throw new IllegalArgumentException("duplicateWindow must be at least 2 minutes, was " + duplicateWindow);
        }
        positive(connectionTimeout, "connectionTimeout");
        positive(reconnectWait, "reconnectWait");
    }

    /** A copy on another stream and subjects (tests, several installations on one server). */
    public NatsAuditConfig withStream(String streamName, String auditSubject, String deadLetterSubject) {
        return new NatsAuditConfig(
                url, streamName, auditSubject, deadLetterSubject, duplicateWindow, connectionTimeout, reconnectWait);
    }

    /** A copy pointing at another server. */
    public NatsAuditConfig withUrl(String serverUrl) {
        return new NatsAuditConfig(
                serverUrl, stream, subject, dlqSubject, duplicateWindow, connectionTimeout, reconnectWait);
    }

    private static void nonBlank(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
