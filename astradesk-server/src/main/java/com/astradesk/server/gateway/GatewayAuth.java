package com.astradesk.server.gateway;

import com.astradesk.core.policy.Principal;
import com.astradesk.server.auth.AuthFailure;
import com.astradesk.server.auth.AuthenticationException;
import com.astradesk.server.auth.BearerAuthenticator;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * The gateway's bearer-token check on {@code /v1/*}: the API server's {@link BearerAuthenticator} (JWKS, {@code
 * iss}, {@code aud}, {@code exp}; each failure audited as {@code auth.denied}); OpenAI clients send the token as
 * their API key. Never logs or echoes the token. Thread-safe.
 */
final class GatewayAuth implements Handler {
    private static final String ATTRIBUTE = "astradesk.gateway.principal";
    private final BearerAuthenticator authenticator;

    GatewayAuth(BearerAuthenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    @Override
    public void handle(Context ctx) {
        ctx.attribute(ATTRIBUTE, authenticator.authenticate(ctx.req(), ctx.res().getHeader("X-Request-ID")));
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
