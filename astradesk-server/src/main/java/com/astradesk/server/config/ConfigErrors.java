package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the failures of one parse of the environment, so that one {@link ConfigException} names every invalid
 * or missing variable rather than only the first. Not thread-safe: one per parse.
 */
final class ConfigErrors {
    private final List<ConfigException> errors = new ArrayList<>();

    /** The parsed value, or {@code null} when it failed (the failure is kept). */
    <T> T attempt(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            errors.add(e);
            return null;
        }
    }

    /**
     * Throws when anything failed.
     *
     * @param what the message's start, e.g. {@code invalid configuration}
     * @throws ConfigException naming every failed variable, its message all the failures' messages
     */
    void throwIfAny(String what) {
        if (errors.isEmpty()) {
            return;
        }
        List<String> variables =
                errors.stream().flatMap(e -> e.variables().stream()).distinct().toList();
        String message = errors.stream()
                .map(ConfigException::getMessage)
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid configuration");
        throw new ConfigException(variables, what + ": " + message);
    }
}
