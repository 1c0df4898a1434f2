package com.astradesk.core;

import java.util.Objects;

/**
 * A storage adapter (PostgreSQL, Redis, ...) failed. Carries the name of the store so operators and the
 * readiness check can say which dependency is at fault. Never carries credentials.
 */
public class StoreException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final String store;

    /**
     * @param store   the store's name, e.g. {@code postgres} or {@code redis}
     * @param message what failed, without secrets
     * @param cause   the underlying driver error (may be null)
     */
    public StoreException(String store, String message, Throwable cause) {
        super(store + ": " + message, cause);
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The failing store's name, e.g. {@code postgres} or {@code redis}. */
    public String store() {
        return store;
    }
}
