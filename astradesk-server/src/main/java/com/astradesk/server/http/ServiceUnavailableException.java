package com.astradesk.server.http;

import com.astradesk.core.AstraDeskException;

/** A required dependency failed while serving a request; mapped to 503 with {@code Retry-After}. */
public class ServiceUnavailableException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String safeMessage, Throwable cause) {
        super(safeMessage, cause);
    }
}
