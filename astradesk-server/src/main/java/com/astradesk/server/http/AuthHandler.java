package com.astradesk.server.http;

import com.astradesk.core.policy.Principal;
import com.astradesk.server.auth.AuthFailure;
import com.astradesk.server.auth.AuthenticationException;
import com.astradesk.server.auth.TokenVerifier;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * The one authentication choke point: a before-handler on protected routes that verifies the bearer token and
 * stores the {@link Principal}. Never logs or echoes the token. Thread-safe.
 */
final class AuthHandler implements Handler {
    private static final String ATTRIBUTE = "astradesk.principal";
    private final TokenVerifier verifier;

    AuthHandler(TokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public void handle(Context ctx) {
        if (java.util.Collections.list(ctx.req().getHeaders("Authorization")).size() > 1) {
            // two credentials: which one a proxy checked is unknowable, so neither is trusted
            throw new AuthenticationException(AuthFailure.INVALID_TOKEN);
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new AuthenticationException(AuthFailure.MISSING_TOKEN);
        }
        String trimmed = header.trim();
        if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException(AuthFailure.MISSING_TOKEN);
        }
        ctx.attribute(ATTRIBUTE, verifier.verify(trimmed.substring(7).trim()));
    }

    /** The authenticated caller of a protected route. */
    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw new AuthenticationException(AuthFailure.MISSING_TOKEN);
        }
        return p;
    }
}
