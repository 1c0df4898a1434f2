package com.astradesk.benchmarks;

import com.astradesk.core.policy.Principal;
import com.astradesk.server.auth.TokenVerifier;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** RS256 bearer-token verification: full (parse, key select, signature, claims) and with the verified-token cache. */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtVerificationBenchmark {
    private TokenVerifier cold;
    private TokenVerifier cached;
    private String token;

    @Setup
    public void setUp() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        var jwks = new ImmutableJWKSet<com.nimbusds.jose.proc.SecurityContext>(new JWKSet(key.toPublicJWK()));
        cold = TokenVerifier.builder()
                .withIssuer("https://idp.bench")
                .withAudience("astradesk")
                .withJwkSource(jwks)
                .build();
        cached = TokenVerifier.builder()
                .withIssuer("https://idp.bench")
                .withAudience("astradesk")
                .withJwkSource(jwks)
                .withVerifiedTokenCache(10_000, Duration.ofSeconds(60))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(),
                new JWTClaimsSet.Builder()
                        .issuer("https://idp.bench")
                        .audience("astradesk")
                        .subject("bench-user")
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
                        .claim("roles", List.of("sre"))
                        .build());
        jwt.sign(new RSASSASigner(key));
        token = jwt.serialize();
    }

    @Benchmark
    public Principal verifyCold() {
        return cold.verify(token);
    }

    @Benchmark
    public Principal verifyCached() {
        return cached.verify(token);
    }
}
