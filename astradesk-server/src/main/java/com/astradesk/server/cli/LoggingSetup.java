package com.astradesk.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.astradesk.server.config.LoggingConfig;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code LOG_LEVEL} to the root logger (logback). The HTTP stack's own loggers stay at WARN whatever
 * the level: at DEBUG, Jetty logs raw request headers, which would put bearer tokens in the log.
 */
final class LoggingSetup {
    /** Loggers that would log request headers (and so tokens) below WARN. */
    static final List<String> HEADER_LOGGERS = List.of("org.eclipse.jetty", "io.javalin", "jdk.internal.httpclient");

    private LoggingSetup() {}

    static void apply(LoggingConfig config) {
        if (!(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
            return;
        }
        root.setLevel(Level.toLevel(config.level(), Level.INFO));
        for (String name : HEADER_LOGGERS) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
        }
    }
}
