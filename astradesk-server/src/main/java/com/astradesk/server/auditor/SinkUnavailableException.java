package com.astradesk.server.auditor;

import com.astradesk.core.AstraDeskException;

/** An audit sink could not be reached or refused a whole batch. Carries the sink name. */
public final class SinkUnavailableException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final String sink;

    public SinkUnavailableException(String sink, String message, Throwable cause) {
        super(sink + ": " + message, cause);
        this.sink = sink;
    }

    /** The sink's name. */
    public String sink() {
        return sink;
    }
}
