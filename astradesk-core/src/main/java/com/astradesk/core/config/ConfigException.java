package com.astradesk.core.config;

import com.astradesk.core.AstraDeskException;
import java.util.List;

/**
 * The environment holds an invalid or incomplete configuration. The message names every offending variable;
 * {@link #variables()} lists them. Thrown at startup, before the server binds a port. Never carries a secret's
 * value.
 */
public class ConfigException extends AstraDeskException {
    private static final long serialVersionUID = 1L;
    private final List<String> variables;

    /**
     * @param variables the environment variables at fault
     * @param message   what is wrong, naming them
     */
    public ConfigException(List<String> variables, String message) {
        super(message);
        this.variables = List.copyOf(variables);
    }

    /**
     * @param variable the environment variable at fault
     * @param message  what is wrong, naming it
     */
    public ConfigException(String variable, String message) {
        this(List.of(variable), message);
    }

    /** The environment variables at fault. */
    public List<String> variables() {
        return variables;
    }
}
