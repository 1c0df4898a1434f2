package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Token verification settings. When none of {@code OIDC_ISSUER}, {@code OIDC_AUDIENCE}, {@code OIDC_JWKS_URL} is
 * set (and the environment is not production) the server runs the embedded dev issuer instead. Immutable.
 *
 * @param issuer     expected {@code iss} ({@code OIDC_ISSUER})
 * @param audience   an accepted {@code aud} value ({@code OIDC_AUDIENCE})
 * @param jwksUrl    where the issuer's public keys are ({@code OIDC_JWKS_URL})
 * @param algorithms accepted signature algorithms ({@code OIDC_ALGORITHMS}, default {@code RS256,ES256})
 * @param clockSkew  tolerated clock difference for {@code exp}/{@code nbf} ({@code OIDC_CLOCK_SKEW_SECONDS}, 30)
 * @param tokenCacheSize   verified tokens remembered ({@code AUTH_TOKEN_CACHE_SIZE}, 10000; 0 disables the cache)
 * @param tokenCacheMaxTtl longest reuse of one verification ({@code AUTH_TOKEN_CACHE_MAX_TTL_SECONDS}, 60)
 */
public record AuthConfig(
        Optional<String> issuer,
        Optional<String> audience,
        Optional<URI> jwksUrl,
        Set<String> algorithms,
        Duration clockSkew,
        int tokenCacheSize,
        Duration tokenCacheMaxTtl) {

    /** Default {@code AUTH_TOKEN_CACHE_SIZE}. */
    public static final int DEFAULT_TOKEN_CACHE_SIZE = 10_000;
    /** Default {@code AUTH_TOKEN_CACHE_MAX_TTL_SECONDS}. */
    public static final int DEFAULT_TOKEN_CACHE_MAX_TTL_SECONDS = 60;

    /** The OIDC variables that together select an external issuer. */
    public static final List<String> OIDC_VARIABLES = List.of("OIDC_ISSUER", "OIDC_AUDIENCE", "OIDC_JWKS_URL");

    /** Asymmetric algorithms that may appear in {@code OIDC_ALGORITHMS}. */
    public static final Set<String> SUPPORTED_ALGORITHMS =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    public AuthConfig {
        issuer = Objects.requireNonNullElse(issuer, Optional.empty());
        audience = Objects.requireNonNullElse(audience, Optional.empty());
        jwksUrl = Objects.requireNonNullElse(jwksUrl, Optional.empty());
        algorithms = Set.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms must not be empty");
        }
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (tokenCacheSize < 0) {
            throw new IllegalArgumentException("tokenCacheSize must not be negative");
        }
        if (Objects.requireNonNull(tokenCacheMaxTtl, "tokenCacheMaxTtl").isNegative() || tokenCacheMaxTtl.isZero()) {
            throw new IllegalArgumentException("tokenCacheMaxTtl must be positive");
        }
    }

    /** Whether no external issuer is configured, so the embedded dev issuer is used. */
    public boolean embedded() {
        return issuer.isEmpty() && audience.isEmpty() && jwksUrl.isEmpty();
    }

    /**
     * Whether the embedded dev issuer mints and its keys verify tokens in {@code environment}: no {@code OIDC_*} and
     * not production (the one rule the API server and the model gateway share).
     */
    public boolean embeddedIn(DeploymentEnvironment environment) {
        return embedded() && environment != DeploymentEnvironment.PRODUCTION;
    }

    /** An external issuer with the default algorithms and skew. */
    public static AuthConfig oidc(String issuer, String audience, URI jwksUrl) {
        return new AuthConfig(
                Optional.of(issuer),
                Optional.of(audience),
                Optional.of(jwksUrl),
                Set.of("RS256", "ES256"),
                Duration.ofSeconds(30),
                DEFAULT_TOKEN_CACHE_SIZE,
                Duration.ofSeconds(DEFAULT_TOKEN_CACHE_MAX_TTL_SECONDS));
    }

    static AuthConfig from(EnvReader env, DeploymentEnvironment environment) {
        Optional<String> issuer = env.string("OIDC_ISSUER");
        Optional<String> audience = env.string("OIDC_AUDIENCE");
        Optional<URI> jwks = env.uri("OIDC_JWKS_URL", Set.of("http", "https"));
        List<String> missing = new ArrayList<>();
        if (issuer.isEmpty()) {
            missing.add("OIDC_ISSUER");
        }
        if (audience.isEmpty()) {
            missing.add("OIDC_AUDIENCE");
        }
        if (jwks.isEmpty()) {
            missing.add("OIDC_JWKS_URL");
        }
        if (environment == DeploymentEnvironment.PRODUCTION && !missing.isEmpty()) {
            throw new ConfigException(
                    missing,
                    "ASTRADESK_ENV=production requires an external token issuer; missing " + String.join(", ", missing)
                            + " (the embedded dev issuer is refused in production)");
        }
        if (!missing.isEmpty() && missing.size() < OIDC_VARIABLES.size()) {
            throw new ConfigException(
                    missing,
                    "OIDC configuration is incomplete; missing " + String.join(", ", missing)
                            + " (set all of OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL, or none for the embedded issuer)");
        }
        Set<String> algorithms = new LinkedHashSet<>();
        for (String alg : env.string("OIDC_ALGORITHMS", "RS256,ES256").split("[,\\s]+")) {
            String a = alg.trim().toUpperCase(Locale.ROOT);
            if (a.isEmpty()) {
                continue;
            }
            if (!SUPPORTED_ALGORITHMS.contains(a)) {
                throw new ConfigException(
                        "OIDC_ALGORITHMS",
                        "OIDC_ALGORITHMS contains unsupported algorithm '" + alg + "'; allowed: "
                                + new java.util.TreeSet<>(SUPPORTED_ALGORITHMS));
            }
            algorithms.add(a);
        }
        if (algorithms.isEmpty()) {
            throw new ConfigException("OIDC_ALGORITHMS", "OIDC_ALGORITHMS must name at least one algorithm");
        }
        int skew = env.integer("OIDC_CLOCK_SKEW_SECONDS", 30, 0, 300);
        int cacheSize = env.integer("AUTH_TOKEN_CACHE_SIZE", DEFAULT_TOKEN_CACHE_SIZE, 0, 1_000_000);
        int cacheTtl = env.integer("AUTH_TOKEN_CACHE_MAX_TTL_SECONDS", DEFAULT_TOKEN_CACHE_MAX_TTL_SECONDS, 1, 3600);
        return new AuthConfig(
                issuer, audience, jwks, algorithms, Duration.ofSeconds(skew), cacheSize, Duration.ofSeconds(cacheTtl));
    }
}
