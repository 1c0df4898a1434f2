package com.astradesk.server.auth;

import com.astradesk.core.AstraDeskException;
import java.util.Objects;

/**
 * A request's bearer token was missing or refused. The message is safe to show: it never contains the token.
 * Mapped to 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}.
 */
public class AuthenticationException extends AstraDeskException {
    private static final long serialVersionUID = 1L;
    private final AuthFailure failure;

    public AuthenticationException(AuthFailure failure) {
        super(Objects.requireNonNull(failure, "failure").description());
        this.failure = failure;
    }

    public AuthenticationException(AuthFailure failure, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").description(), cause);
        this.failure = failure;
    }

    /** Why the token was refused. */
    public AuthFailure failure() {
        return failure;
    }

    /** The {@code WWW-Authenticate} challenge of the 401: {@code Bearer error="invalid_token", error_description=…}. */
    public String challenge() {
        return "Bearer error=\"invalid_token\", error_description=\"" + failure.description() + "\"";
    }
}
