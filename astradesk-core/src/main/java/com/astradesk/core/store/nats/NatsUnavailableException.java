package com.astradesk.core.store.nats;

import com.astradesk.core.AstraDeskException;

/** The NATS server cannot be reached (or JetStream refused the operation). Carries the server URL. */
public final class NatsUnavailableException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final String url;

    public NatsUnavailableException(String url, String message, Throwable cause) {
        super(message + " (" + url + ")", cause);
        this.url = url;
    }

    /** The NATS URL that was used. */
    public String url() {
        return url;
    }
}
