package com.astradesk.server.config;

import com.astradesk.core.AstraDeskException;
import java.util.List;

/**
 * The environment holds an invalid or incomplete configuration. The message names every offending variable;
 * {@link #variables()} lists them. Thrown at startup, before the server binds a port.
 */
public class ConfigException extends AstraDeskException {
    private static final long serialVersionUID = 1L;
    private final List<String> variables;

    public ConfigException(List<String> variables, String message) {
        super(message);
        this.variables = List.copyOf(variables);
    }

    public ConfigException(String variable, String message) {
        this(List.of(variable), message);
    }

    /** The environment variables at fault. */
    public List<String> variables() {
        return variables;
    }
}
