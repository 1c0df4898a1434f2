package com.astradesk.core;

/**
 * A store cannot be reached: connection refused, timed out, authentication failed or the server is
 * shutting down. Retrying later may succeed; the reference server answers 503 with {@code Retry-After}.
 */
public class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param store   the store's name, e.g. {@code postgres} or {@code redis}
     * @param message what failed, naming the endpoint without credentials
     * @param cause   the underlying driver error (may be null)
     */
    public StoreUnavailableException(String store, String message, Throwable cause) {
        super(store, message, cause);
    }
}
