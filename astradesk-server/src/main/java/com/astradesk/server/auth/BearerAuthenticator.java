package com.astradesk.server.auth;

import com.astradesk.core.policy.Principal;
import com.astradesk.server.security.EdgeDenialAudit;
import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;

/**
 * The bearer-token rule every protected surface applies (the API server's {@code /v1/*} and {@code /mcp}, the model
 * gateway's {@code /v1/*}): exactly one {@code Authorization: Bearer <jwt>} header, verified by the {@link
 * TokenVerifier}; each failure is audited as {@code auth.denied} through {@link EdgeDenialAudit} and thrown. Never
 * logs, echoes or audits the token. Thread-safe.
 */
public final class BearerAuthenticator {
    private final TokenVerifier verifier;
    private final EdgeDenialAudit denials;

    /**
     * @param verifier the token verifier
     * @param denials  where failures are audited
     */
    public BearerAuthenticator(TokenVerifier verifier, EdgeDenialAudit denials) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.denials = Objects.requireNonNull(denials, "denials");
    }

    /**
     * Verifies the request's bearer token; a failure is audited and thrown.
     *
     * @throws AuthenticationException when the token is missing or refused
     * @throws KeySourceUnavailableException when the issuer's keys cannot be fetched (not a denial: not audited)
     */
    public Principal authenticate(HttpServletRequest request, String requestId) {
        try {
            return verify(request);
        } catch (AuthenticationException e) {
            denials.denied(e.failure().code(), claimedSubject(request), request.getRemoteAddr(), requestId);
            throw e;
        }
    }

    private Principal verify(HttpServletRequest request) {
        if (Collections.list(request.getHeaders("Authorization")).size() > 1) {
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
}
