package com.astradesk.core.model;

import java.util.Objects;

/**
 * The provider failed the call (an HTTP error other than 429, or a transport failure). Says whether a retry
 * makes sense: server errors (5xx) and transport failures are retriable; client errors (4xx: bad key, unknown
 * model, invalid request) are not.
 */
public class ProviderServerException extends ModelException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final int statusCode;
    private final boolean retriable;

    /**
     * @param provider   the provider that failed
     * @param statusCode the HTTP status, or {@code 0} when no response was received
     * @param retriable  whether the same call may succeed when repeated
     * @param message    what happened (never the provider's raw response body)
     */
    public ProviderServerException(String provider, int statusCode, boolean retriable, String message) {
        super("model provider '" + provider + "' failed" + (statusCode > 0 ? " with HTTP " + statusCode : "") + ": "
                + message);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.statusCode = statusCode;
        this.retriable = retriable;
    }

    /** The provider that failed. */
    public String provider() {
        return provider;
    }

    /** The HTTP status, or {@code 0} when no response was received. */
    public int statusCode() {
        return statusCode;
    }

    /** Whether repeating the same call may succeed. */
    public boolean isRetriable() {
        return retriable;
    }
}
