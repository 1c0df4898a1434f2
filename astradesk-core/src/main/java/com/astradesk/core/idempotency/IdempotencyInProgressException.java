package com.astradesk.core.idempotency;

/** Another request with the same key is still running (the server answers 409). */
public class IdempotencyInProgressException extends IdempotencyException {
    private static final long serialVersionUID = 1L;

    /** @param idempotencyKey the client's key */
    public IdempotencyInProgressException(String idempotencyKey) {
        super(idempotencyKey, "a request with Idempotency-Key '" + idempotencyKey + "' is still in progress");
    }
}
