package com.astradesk.core.idempotency;

import java.util.Objects;

/**
 * A response kept for replay: an HTTP-like status and an opaque body (usually JSON). Immutable.
 *
 * @param status the status code to replay (100–599)
 * @param body   the body to replay, verbatim
 */
public record StoredResponse(int status, String body) {
    public StoredResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599, was " + status);
        }
        Objects.requireNonNull(body, "body");
    }
}
