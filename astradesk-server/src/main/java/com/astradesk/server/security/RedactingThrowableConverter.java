package com.astradesk.server.security;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %ex} with {@link LogRedaction} applied to the whole stack trace text (exception messages
 * may quote input). Registered in {@code logback.xml} as the {@code ex} conversion word. Thread-safe.
 */
public final class RedactingThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogRedaction.redact(super.convert(event));
    }
}
