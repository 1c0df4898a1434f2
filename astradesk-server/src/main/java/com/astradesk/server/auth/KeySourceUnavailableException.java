package com.astradesk.server.auth;

import com.astradesk.core.AstraDeskException;

/**
 * The issuer's JWKS could not be fetched, so no token can be checked right now. Not the caller's fault:
 * mapped to 503 with {@code Retry-After}.
 */
public class KeySourceUnavailableException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    public KeySourceUnavailableException(Throwable cause) {
        super("the token issuer's signing keys are unavailable", cause);
    }
}
