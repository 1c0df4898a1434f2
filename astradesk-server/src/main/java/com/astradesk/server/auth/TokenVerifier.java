package com.astradesk.server.auth;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.server.config.AuthConfig;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens: signature against a JWKS (algorithm allow-list), then {@code iss}, {@code aud},
 * {@code exp}, {@code sub} required and {@code nbf} honoured, with a small clock skew. The same code path
 * serves production (remote JWKS, cached, one rate-limited refetch on an unknown {@code kid}) and the
 * embedded dev issuer (its in-memory JWKS). Optionally reuses successful verifications ({@link
 * VerifiedTokenCache}). Thread-safe.
 */
public final class TokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
    /** Longest token accepted before parsing. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final VerifiedTokenCache cache;

    private TokenVerifier(DefaultJWTProcessor<SecurityContext> processor, VerifiedTokenCache cache) {
        this.processor = processor;
        this.cache = cache;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A verifier for an external issuer configured by {@link AuthConfig}.
     *
     * @throws IllegalArgumentException when the configuration is embedded (no issuer)
     */
    public static TokenVerifier forIssuer(AuthConfig config) {
        if (config.embedded()) {
            throw new IllegalArgumentException("config names no external issuer");
        }
        return builder()
                .withIssuer(config.issuer().orElseThrow())
                .withAudience(config.audience().orElseThrow())
                .withJwksUrl(config.jwksUrl().orElseThrow())
                .withAlgorithms(config.algorithms())
                .withClockSkew(config.clockSkew())
                .withVerifiedTokenCache(config.tokenCacheSize(), config.tokenCacheMaxTtl())
                .build();
    }

    /** A verifier for tokens minted by the embedded dev issuer (every token verified in full). */
    public static TokenVerifier forDevIssuer(DevIssuer issuer) {
        return devIssuer(issuer).build();
    }

    /**
     * A verifier for tokens minted by the embedded dev issuer that reuses successful verifications as {@code config}
     * sets it ({@code AUTH_TOKEN_CACHE_SIZE}, {@code AUTH_TOKEN_CACHE_MAX_TTL_SECONDS}), as for an external issuer.
     */
    public static TokenVerifier forDevIssuer(DevIssuer issuer, AuthConfig config) {
        return devIssuer(issuer)
                .withVerifiedTokenCache(config.tokenCacheSize(), config.tokenCacheMaxTtl())
                .build();
    }

    private static Builder devIssuer(DevIssuer issuer) {
        return builder()
                .withIssuer(DevIssuer.ISSUER)
                .withAudience(DevIssuer.AUDIENCE)
                .withJwkSource(issuer.jwkSource());
    }

    /**
     * Verifies one token.
     *
     * @param token the compact JWT (without the {@code Bearer } prefix)
     * @return the caller
     * @throws AuthenticationException with the precise reason when the token is refused
     * @throws KeySourceUnavailableException when the issuer's keys cannot be fetched
     */
    public Principal verify(String token) {
        if (token == null || token.isBlank()) {
            throw new AuthenticationException(AuthFailure.MISSING_TOKEN);
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthenticationException(AuthFailure.INVALID_TOKEN);
        }
        return cache == null ? verifyFully(token).principal() : cache.verify(token, this::verifyFully);
    }

    private VerifiedTokenCache.Verified verifyFully(String token) {
        JWTClaimsSet claims;
        try {
            JWT jwt = JWTParser.parse(token);
            claims = processor.process(jwt, null);
        } catch (ClassifyingClaimsVerifier.ClassifiedBadJwtException e) {
            throw new AuthenticationException(e.failure(), e);
        } catch (RateLimitReachedException e) {
            // An unknown kid after the one allowed refetch: the token's key is not the issuer's.
            throw new AuthenticationException(AuthFailure.INVALID_TOKEN, e);
        } catch (KeySourceException e) {
            throw new KeySourceUnavailableException(e);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            throw new AuthenticationException(AuthFailure.INVALID_TOKEN, e);
        }
        if (LOG.isDebugEnabled()) {
            // never the whole claim set: sub and a masked e-mail only
            LOG.debug("token accepted for {}", Redactor.claimsForLog(claims.toJSONObject()));
        }
        try {
            return new VerifiedTokenCache.Verified(
                    Principal.fromClaims(claims.toJSONObject()),
                    claims.getExpirationTime().toInstant());
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException(AuthFailure.INVALID_TOKEN, e);
        }
    }

    /** Builds a {@link TokenVerifier}; fails fast naming a missing or bad parameter. Not thread-safe. */
    public static final class Builder {
        private String issuer;
        private String audience;
        private JWKSource<SecurityContext> jwkSource;
        private Set<String> algorithms = Set.of("RS256", "ES256");
        private Duration clockSkew = Duration.ofSeconds(30);
        private int cacheEntries;
        private Duration cacheMaxTtl = VerifiedTokenCache.DEFAULT_MAX_TTL;

        private Builder() {}

        /**
         * Reuses successful verifications ({@link VerifiedTokenCache}): at most {@code maxEntries} tokens, each
         * until its {@code exp} (plus clock skew) and at most {@code maxTtl}. {@code maxEntries} 0 disables it
         * (the default).
         */
        public Builder withVerifiedTokenCache(int maxEntries, Duration maxTtl) {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("maxEntries must not be negative");
            }
            if (Objects.requireNonNull(maxTtl, "maxTtl").isNegative() || maxTtl.isZero()) {
                throw new IllegalArgumentException("maxTtl must be positive");
            }
            this.cacheEntries = maxEntries;
            this.cacheMaxTtl = maxTtl;
            return this;
        }

        /** The exact {@code iss} required (required). */
        public Builder withIssuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** The audience that must be among {@code aud} (required). */
        public Builder withAudience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** Keys from a remote JWKS: cached 5 min, refetch on unknown {@code kid} at most every 30 s. */
        public Builder withJwksUrl(URI jwksUrl) {
            Objects.requireNonNull(jwksUrl, "jwksUrl");
            try {
                this.jwkSource = JWKSourceBuilder.<SecurityContext>create(
                                jwksUrl.toURL(), new DefaultResourceRetriever(2_000, 2_000, 512 * 1024))
                        .cache(
                                Duration.ofMinutes(5).toMillis(),
                                Duration.ofSeconds(15).toMillis())
                        .rateLimited(Duration.ofSeconds(30).toMillis())
                        .retrying(true)
                        .build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("jwksUrl is not a valid URL: " + jwksUrl, e);
            }
            return this;
        }

        /** Keys from any source (e.g. the dev issuer's in-memory set). */
        public Builder withJwkSource(JWKSource<SecurityContext> source) {
            this.jwkSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Accepted JWS algorithms; default RS256 and ES256. */
        public Builder withAlgorithms(Set<String> algorithms) {
            if (Objects.requireNonNull(algorithms, "algorithms").isEmpty()) {
                throw new IllegalArgumentException("algorithms must not be empty");
            }
            for (String a : algorithms) {
                if (!AuthConfig.SUPPORTED_ALGORITHMS.contains(a)) {
                    throw new IllegalArgumentException("algorithms: unsupported algorithm " + a);
                }
            }
            this.algorithms = Set.copyOf(algorithms);
            return this;
        }

        /** Tolerated clock difference for {@code exp} and {@code nbf}; default 30 s. */
        public Builder withClockSkew(Duration clockSkew) {
            if (Objects.requireNonNull(clockSkew, "clockSkew").isNegative()) {
                throw new IllegalArgumentException("clockSkew must not be negative");
            }
            this.clockSkew = clockSkew;
            return this;
        }

        public TokenVerifier build() {
            if (issuer == null) {
                throw new IllegalStateException("issuer is required");
            }
            if (audience == null) {
                throw new IllegalStateException("audience is required");
            }
            if (jwkSource == null) {
                throw new IllegalStateException("a JWKS URL or JWK source is required");
            }
            var processor = new DefaultJWTProcessor<SecurityContext>();
            processor.setJWSTypeVerifier(
                    new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
            Set<JWSAlgorithm> algs =
                    algorithms.stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algs, jwkSource));
            processor.setJWTClaimsSetVerifier(
                    new ClassifyingClaimsVerifier(issuer, audience, Math.toIntExact(clockSkew.toSeconds())));
            VerifiedTokenCache cache =
                    cacheEntries == 0 ? null : VerifiedTokenCache.create(cacheEntries, cacheMaxTtl, clockSkew);
            return new TokenVerifier(processor, cache);
        }
    }
}
