package com.astradesk.server.observability;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Moves log output off the calling thread for the long-running server: every appender of the root logger is
 * wrapped in a logback {@link AsyncAppender}, so a request thread only enqueues its event (with a copy of the MDC)
 * and one background thread encodes, redacts and writes it. Nothing is dropped: the queue never discards events
 * (a full queue makes the caller wait), and {@link #flush()} writes what is queued. A no-op when logback is not the
 * SLF4J binding. Not thread-safe (call at startup and at shutdown).
 */
public final class AsyncLogging {
    /** Events a burst can queue before callers wait for the writer. */
    static final int QUEUE_SIZE = 8192;

    private static final String PREFIX = "ASYNC-";

    private AsyncLogging() {}

    /** Wraps the root logger's appenders (after {@link JsonLogging#apply}); idempotent. */
    public static void apply() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            apply(root);
        }
    }

    static void apply(Logger root) {
        List<Appender<ILoggingEvent>> direct = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (!(a instanceof AsyncAppender)) {
                direct.add(a);
            }
        }
        for (Appender<ILoggingEvent> target : direct) {
            AsyncAppender async = new AsyncAppender();
            async.setContext(root.getLoggerContext());
            async.setName(PREFIX + target.getName());
            async.setQueueSize(QUEUE_SIZE);
            async.setDiscardingThreshold(0);
            async.setNeverBlock(false);
            async.setMaxFlushTime(5_000);
            async.addAppender(target);
            async.start();
            root.addAppender(async);
            root.detachAppender(target);
        }
    }

    /** Writes every queued event and stops the background writers (at shutdown, after the last log line). */
    public static void flush() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            flush(root);
        }
    }

    static void flush(Logger root) {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof AsyncAppender async) {
                async.stop();
            }
        }
    }
}
