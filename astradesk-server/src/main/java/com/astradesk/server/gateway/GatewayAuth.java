package com.astradesk.server.gateway;

import com.astradesk.core.policy.Principal;
import com.astradesk.server.auth.AuthFailure;
import com.astradesk.server.auth.AuthenticationException;
import com.astradesk.server.auth.TokenVerifier;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Collections;
import java.util.Objects;

/**
 * The gateway's bearer-token check on {@code /v1/*}: the API server's {@link TokenVerifier} (JWKS, {@code iss},
 * {@code aud}, {@code exp}); OpenAI clients send the token as their API key. Never logs or echoes the token.
 * Thread-safe.
 */
final class GatewayAuth implements Handler {
    private static final String ATTRIBUTE = "astradesk.gateway.principal";
    private final TokenVerifier verifier;

    GatewayAuth(TokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public void handle(Context ctx) {
        if (Collections.list(ctx.req().getHeaders("Authorization")).size() > 1) {
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

    /** The authenticated caller. */
    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw new AuthenticationException(AuthFailure.MISSING_TOKEN);
        }
        return p;
    }
}
