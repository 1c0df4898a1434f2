package com.astradesk.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The remote JWKS is cached, refetched once for a new {@code kid} (key rotation), and not hammered. */
class JwksRotationTest {
    private static final String ISSUER = "https://idp.example.test";
    private static final String AUDIENCE = "api";
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private HttpServer jwks;
    private TokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        verifier = TokenVerifier.builder()
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withJwksUrl(URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks"))
                .build();
    }

    @AfterEach
    void stop() {
        jwks.stop(0);
    }

    private static String token(RSAKey key) throws Exception {
        return token(key, key.getKeyID());
    }

    private static String token(RSAKey key, String kid) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("alice")
                .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void should_accept_a_rotated_key_and_rate_limit_refetches_for_unknown_kids() throws Exception {
        // given: the issuer publishes k1 and a k1 token was verified
        RSAKey k1 = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey k2 = new RSAKeyGenerator(2048).keyID("k2").generate();
        published.set(new JWKSet(k1.toPublicJWK()));
        assertThat(verifier.verify(token(k1)).subject()).isEqualTo("alice");
        assertThat(verifier.verify(token(k1)).subject()).isEqualTo("alice");
        assertThat(fetches.get()).isEqualTo(1);

        // when: the issuer rotates to k2
        published.set(new JWKSet(List.of(k1.toPublicJWK(), k2.toPublicJWK())));

        // then: a k2 token triggers one refetch and is accepted
        assertThat(verifier.verify(token(k2)).subject()).isEqualTo("alice");
        int afterRotation = fetches.get();
        assertThat(afterRotation).isEqualTo(2);

        // and: a burst of tokens with unknown kids is refused without hammering the issuer
        for (int i = 0; i < 5; i++) {
            String unknownKid = token(k1, "stranger-" + i);
            assertThatThrownBy(() -> verifier.verify(unknownKid))
                    .isInstanceOf(AuthenticationException.class)
                    .satisfies(e ->
                            assertThat(((AuthenticationException) e).failure()).isEqualTo(AuthFailure.INVALID_TOKEN));
        }
        assertThat(fetches.get()).isLessThanOrEqualTo(afterRotation + 1);
    }
}
