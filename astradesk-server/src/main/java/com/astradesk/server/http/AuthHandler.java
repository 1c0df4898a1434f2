package com.astradesk.server.http;

import com.astradesk.core.policy.Principal;
import com.astradesk.server.auth.AuthFailure;
import com.astradesk.server.auth.AuthenticationException;
import com.astradesk.server.auth.BearerAuthenticator;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.security.EdgeDenialAudit;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The one authentication choke point: a before-handler on protected routes that verifies the bearer token and
 * stores the {@link Principal}. Each failure is audited ({@code auth.denied}, sampled by {@link
 * EdgeDenialAudit}). Never logs, echoes or audits the token. Thread-safe.
 */
final class AuthHandler implements Handler {
    private static final String ATTRIBUTE = "astradesk.principal";
    private final BearerAuthenticator authenticator;

    AuthHandler(TokenVerifier verifier, EdgeDenialAudit denials) {
        this.authenticator = new BearerAuthenticator(verifier, denials);
    }

    @Override
    public void handle(Context ctx) {
        ctx.attribute(ATTRIBUTE, authenticate(ctx.req(), RequestIds.of(ctx)));
    }

    /**
     * Verifies the request's bearer token (the same rules for every protected surface: {@code /v1/*} and
     * {@code /mcp}); a failure is audited and thrown.
     *
     * @throws AuthenticationException when the token is missing or refused
     */
    Principal authenticate(HttpServletRequest request, String requestId) {
        return authenticator.authenticate(request, requestId);
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
