package com.astradesk.server.security;

import com.astradesk.core.redaction.Redactor;
import java.util.Objects;

/**
 * The one redactor for what leaves the process as text: log messages and stack traces (through
 * {@link RedactingMessageConverter} and {@link RedactingThrowableConverter}) and trace span attributes
 * (tracing calls {@link #attribute}). Defaults to {@link Redactor#standard()}. Thread-safe.
 */
public final class LogRedaction {
    private static volatile Redactor redactor = Redactor.standard();

    private LogRedaction() {}

    /** The redactor in use. */
    public static Redactor redactor() {
        return redactor;
    }

    /** Replaces the redactor (e.g. the standard rules plus deployment-specific ones). */
    public static void use(Redactor replacement) {
        redactor = Objects.requireNonNull(replacement, "replacement");
    }

    /** Redacts one piece of text; null stays null. */
    public static String redact(String text) {
        return text == null || text.isEmpty() ? text : redactor.redact(text);
    }

    /** Redacts a span attribute value before it is recorded; null stays null. */
    public static String attribute(String value) {
        return redact(value);
    }
}
