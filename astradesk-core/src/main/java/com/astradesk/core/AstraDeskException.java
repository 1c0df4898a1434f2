package com.astradesk.core;

/**
 * Root of every exception AstraDesk throws. Unchecked; subclasses live in the package they concern, are
 * named for the condition and carry the context needed to act on it (tool name, required roles, suggested
 * wait, ...). The reference server maps them to {@code application/problem+json} in one place.
 */
public class AstraDeskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AstraDeskException(String message) {
        super(message);
    }

    public AstraDeskException(String message, Throwable cause) {
        super(message, cause);
    }
}
