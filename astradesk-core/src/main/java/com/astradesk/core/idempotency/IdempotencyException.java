package com.astradesk.core.idempotency;

import com.astradesk.core.AstraDeskException;

/** Root of the idempotency errors; carries the client's idempotency key (never the body). */
public class IdempotencyException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final String idempotencyKey;

    /**
     * @param idempotencyKey the client's key
     * @param message        what went wrong, safe to show the caller
     */
    public IdempotencyException(String idempotencyKey, String message) {
        super(message);
        this.idempotencyKey = idempotencyKey;
    }

    /** The client's idempotency key. */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
