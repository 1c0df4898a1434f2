package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Logging settings. Immutable.
 *
 * @param level root log level ({@code LOG_LEVEL}: TRACE, DEBUG, INFO, WARN, ERROR or OFF; default INFO)
 */
public record LoggingConfig(String level) {
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public LoggingConfig {
        Objects.requireNonNull(level, "level");
        level = level.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("level must be one of " + new java.util.TreeSet<>(LEVELS));
        }
    }

    static LoggingConfig from(EnvReader env) {
        String raw = env.string("LOG_LEVEL", "INFO");
        if (!LEVELS.contains(raw.toUpperCase(Locale.ROOT))) {
            throw new ConfigException(
                    "LOG_LEVEL", "LOG_LEVEL must be one of " + new java.util.TreeSet<>(LEVELS) + "; was '" + raw + "'");
        }
        return new LoggingConfig(raw);
    }
}
