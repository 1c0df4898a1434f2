package com.astradesk.server.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * nimbus's claims verifier, plus a precise reason when it refuses: the claims are re-examined (not the
 * exception text) so each refusal maps to exactly one {@link AuthFailure}. Thread-safe.
 */
final class ClassifyingClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
    private static final Set<String> REQUIRED = Set.of("iss", "aud", "exp", "sub");
    private final String issuer;
    private final String audience;

    ClassifyingClaimsVerifier(String issuer, String audience, int clockSkewSeconds) {
        super(Set.of(audience), new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED, null);
        this.issuer = issuer;
        this.audience = audience;
        setMaxClockSkew(clockSkewSeconds);
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        try {
            super.verify(claims, context);
        } catch (BadJWTException e) {
            throw new ClassifiedBadJwtException(classify(claims), e);
        }
        if (!(claims.getClaim("sub") instanceof String sub) || sub.isBlank()) {
            throw new ClassifiedBadJwtException(AuthFailure.INVALID_TOKEN, new BadJWTException("blank sub"));
        }
        Date iat = claims.getIssueTime();
        if (iat != null
                && iat.getTime() - getMaxClockSkew() * 1000L > currentTime().getTime()) {
            throw new ClassifiedBadJwtException(
                    AuthFailure.TOKEN_NOT_YET_VALID, new BadJWTException("iat is in the future"));
        }
    }

    private AuthFailure classify(JWTClaimsSet claims) {
        for (String name : REQUIRED) {
            if (claims.getClaim(name) == null) {
                return AuthFailure.INVALID_TOKEN;
            }
        }
        if (!issuer.equals(claims.getIssuer())) {
            return AuthFailure.INVALID_ISSUER;
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            return AuthFailure.INVALID_AUDIENCE;
        }
        long now = currentTime().getTime();
        long skew = getMaxClockSkew() * 1000L;
        Date exp = claims.getExpirationTime();
        if (exp != null && exp.getTime() + skew < now) {
            return AuthFailure.TOKEN_EXPIRED;
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.getTime() - skew > now) {
            return AuthFailure.TOKEN_NOT_YET_VALID;
        }
        return AuthFailure.INVALID_TOKEN;
    }

    /** Carries the classification through nimbus's processor. */
    static final class ClassifiedBadJwtException extends BadJWTException {
        private static final long serialVersionUID = 1L;
        private final AuthFailure failure;

        ClassifiedBadJwtException(AuthFailure failure, BadJWTException cause) {
            super(cause.getMessage(), cause);
            this.failure = failure;
        }

        AuthFailure failure() {
            return failure;
        }
    }
}
