package com.astradesk.server.http;

import com.astradesk.core.policy.Principal;
import com.astradesk.server.auth.AuthFailure;
import com.astradesk.server.auth.AuthenticationException;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.security.EdgeDenialAudit;
import com.nimbusds.jwt.JWTParser;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one authentication choke point: a before-handler on protected routes that verifies the bearer token and
 * stores the {@link Principal}. Each failure is audited ({@code auth.denied}, sampled by {@link
 * EdgeDenialAudit}). Never logs, echoes or audits the token. Thread-safe.
 */
final class AuthHandler implements Handler {
    private static final String ATTRIBUTE = "astradesk.principal";
    private final TokenVerifier verifier;
    private final EdgeDenialAudit denials;

    AuthHandler(TokenVerifier verifier, EdgeDenialAudit denials) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.denials = Objects.requireNonNull(denials, "denials");
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
        try {
            return verify(request);
        } catch (AuthenticationException e) {
            denials.denied(e.failure().code(), claimedSubject(request), request.getRemoteAddr(), requestId);
            throw e;
        }
    }

    private Principal verify(HttpServletRequest request) {
        if (java.util.Collections.list(request.getHeaders("Authorization")).size() > 1) {
            // two credentials: which one a proxy checked is unknowable, so neither is trusted
            throw new AuthenticationException(AuthFailure.INVALID_TOKEN);
        }
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw new AuthenticationException(AuthFailure.MISSING_TOKEN);
        }
        String trimmed = header.trim();
        if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException(AuthFailure.MISSING_TOKEN);
        }
        return verifier.verify(trimmed.substring(7).trim());
    }

    /** The {@code sub} a bearer JWT claims, unverified, when the header holds one that parses. */
    private static Optional<String> claimedSubject(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.trim().length() < 8) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(
                    JWTParser.parse(header.trim().substring(7).trim())
                            .getJWTClaimsSet()
                            .getSubject());
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
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
