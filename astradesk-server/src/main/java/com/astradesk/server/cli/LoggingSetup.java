package com.astradesk.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.astradesk.server.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/** Applies {@code LOG_LEVEL} to the root logger (logback). */
final class LoggingSetup {
    private LoggingSetup() {}

    static void apply(LoggingConfig config) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.toLevel(config.level(), Level.INFO));
        }
    }
}
