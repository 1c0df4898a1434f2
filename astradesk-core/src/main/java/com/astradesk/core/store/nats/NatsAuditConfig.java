package com.astradesk.core.store.nats;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

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

    /** What JetStream accepts as a stream name: printable, no whitespace, {@code .}, {@code *}, {@code >} or slashes. */
    private static final Pattern STREAM_NAME = Pattern.compile("^[\\x21-\\x7E&&[^.*>/\\\\]]{1,255}$");

    /** A subject one can publish to: dot-separated non-empty tokens, no whitespace and no wildcard. */
    private static final Pattern SUBJECT = Pattern.compile("^[\\x21-\\x7E&&[^.*>]]+(\\.[\\x21-\\x7E&&[^.*>]]+)*$");

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
        if (!isStreamName(stream)) {
            throw new IllegalArgumentException("stream must be a JetStream stream name (no whitespace, '.', '*', '>'"
                    + " or slashes); was '" + stream + "'");
        }
        if (!isSubject(subject)) {
            throw new IllegalArgumentException(
                    "subject must be a NATS subject without wildcards (e.g. astradesk.audit); was '" + subject + "'");
        }
        if (!isSubject(dlqSubject)) {
            throw new IllegalArgumentException(
                    "dlqSubject must be a NATS subject without wildcards; was '" + dlqSubject + "'");
        }
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

    /** Whether {@code name} is a valid JetStream stream name. */
    public static boolean isStreamName(String name) {
        return name != null && STREAM_NAME.matcher(name).matches();
    }

    /** Whether {@code subject} is a NATS subject one can publish to (tokens separated by dots, no wildcards). */
    public static boolean isSubject(String subject) {
        return subject != null && SUBJECT.matcher(subject).matches();
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
