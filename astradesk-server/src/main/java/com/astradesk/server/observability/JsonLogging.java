package com.astradesk.server.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.astradesk.server.config.ObservabilityConfig.LogFormat;
import com.astradesk.server.security.LogRedaction;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.logstash.logback.composite.AbstractFieldJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Switches the root logger to one JSON object per line on stderr ({@code LOG_FORMAT=json}): {@code @timestamp},
 * {@code level}, {@code logger}, {@code thread}, {@code message}, {@code stack_trace} and the MDC ({@code
 * request_id}, {@code run_id}, {@code trace_id}, {@code span_id}, {@code agent}, {@code provider}, {@code status}).
 * Message and stack trace pass through {@link LogRedaction} (the same redactor as the text pattern), so personal data and secrets never reach the
 * line; {@code java.util.logging} is bridged to SLF4J so that library output is JSON too. Text mode keeps the
 * pattern appender of {@code logback.xml}. Not thread-safe (call once at startup).
 */
public final class JsonLogging {
    /** Name of the JSON appender on the root logger. */
    public static final String APPENDER = "JSON";

    private JsonLogging() {}

    /** Applies the format to the root logger; a no-op when logback is not the SLF4J binding. */
    public static void apply(LogFormat format) {
        if (format != LogFormat.JSON
                || !(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
            return;
        }
        if (root.getAppender(APPENDER) != null) {
            return;
        }
        LoggerContext context = root.getLoggerContext();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget("System.err");
        appender.setEncoder(encoder(context));
        appender.start();
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (a instanceof ConsoleAppender) {
                consoles.add(a);
            }
        }
        root.addAppender(appender);
        consoles.forEach(a -> {
            root.detachAppender(a);
            a.stop();
        });
        // libraries logging through java.util.logging (the OTLP exporter) would otherwise write plain text lines
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** The JSON encoder (also used by tests to render one event). */
    public static Encoder<ILoggingEvent> encoder(LoggerContext context) {
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        providers.addTimestamp(new LoggingEventFormattedTimestampJsonProvider());
        LogLevelJsonProvider level = new LogLevelJsonProvider();
        level.setFieldName("level");
        providers.addLogLevel(level);
        LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
        logger.setFieldName("logger");
        providers.addLoggerName(logger);
        LoggingEventThreadNameJsonProvider thread = new LoggingEventThreadNameJsonProvider();
        thread.setFieldName("thread");
        providers.addThreadName(thread);
        providers.addProvider(new RedactedMessage());
        providers.addProvider(new RedactedStackTrace());
        providers.addMdc(new MdcJsonProvider());
        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        encoder.setContext(context);
        encoder.setProviders(providers);
        encoder.start();
        return encoder;
    }

    /** {@code message}: the formatted message, redacted. */
    static final class RedactedMessage extends AbstractFieldJsonProvider<ILoggingEvent> {
        RedactedMessage() {
            setFieldName("message");
        }

        @Override
        public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
            generator.writeStringField(getFieldName(), LogRedaction.redact(event.getFormattedMessage()));
        }
    }

    /** {@code stack_trace}: the throwable, redacted (exception messages may carry personal data). */
    static final class RedactedStackTrace extends AbstractFieldJsonProvider<ILoggingEvent> {
        RedactedStackTrace() {
            setFieldName("stack_trace");
        }

        @Override
        public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
            if (event.getThrowableProxy() != null) {
                generator.writeStringField(
                        getFieldName(), LogRedaction.redact(ThrowableProxyUtil.asString(event.getThrowableProxy())));
            }
        }
    }
}
