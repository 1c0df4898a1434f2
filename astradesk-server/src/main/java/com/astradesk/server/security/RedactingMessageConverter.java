package com.astradesk.server.security;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with {@link LogRedaction} applied to the formatted message, so tokens, secrets and
 * e-mail addresses never reach a log line. Registered in {@code logback.xml} as the {@code msg} conversion
 * word. Thread-safe.
 */
public final class RedactingMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogRedaction.redact(super.convert(event));
    }
}
