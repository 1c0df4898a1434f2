package com.astradesk.core.idempotency;

import java.util.Objects;

/**
 * What {@link Idempotency#run} returns. Immutable.
 *
 * @param response the response to send
 * @param replayed whether it was replayed from a previous request (nothing ran this time)
 */
public record IdempotentResult(StoredResponse response, boolean replayed) {
    public IdempotentResult {
        Objects.requireNonNull(response, "response");
    }
}
