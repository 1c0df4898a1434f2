package com.astradesk.core.idempotency;

/** The key was already used with a different request body (the server answers 422). */
public class IdempotencyKeyMismatchException extends IdempotencyException {
    private static final long serialVersionUID = 1L;

    /** @param idempotencyKey the client's key */
    public IdempotencyKeyMismatchException(String idempotencyKey) {
        super(idempotencyKey, "Idempotency-Key '" + idempotencyKey + "' was already used with a different request");
    }
}
