package com.astradesk.server.auth;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.http.AstraDeskServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every token case against a JWKS served by a local HTTP server, through the real server's auth handler. */
class BearerTokenHttpTest {
    private static final String ISSUER = "https://idp.example.test/realms/astradesk";
    private static final String AUDIENCE = "astradesk-api";
    private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey rogue;
    private static HttpServer jwksServer;
    private static AstraDeskServer server;
    private static HttpHarness http;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        rogue = new RSAKeyGenerator(2048).keyID("rogue-1").generate();
        byte[] jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/jwks", exchange -> {
            JWKS_FETCHES.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        jwksServer.start();
        URI jwksUrl = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks");
        TestFixtures fixtures = new TestFixtures();
        server = AstraDeskServer.builder()
                .withAgents(fixtures.agents())
                .withToolRegistry(fixtures.registry)
                .withTokenVerifier(TokenVerifier.builder()
                        .withIssuer(ISSUER)
                        .withAudience(AUDIENCE)
                        .withJwksUrl(jwksUrl)
                        .build())
                .build()
                .start();
        http = new HttpHarness(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        jwksServer.stop(0);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("alice")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("roles", List.of("sre"));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, Consumer<JWTClaimsSet.Builder> edit) {
        JWTClaimsSet.Builder b = claims();
        edit.accept(b);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), b.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String rs256(Consumer<JWTClaimsSet.Builder> edit) {
        try {
            return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, rsa.getKeyID(), edit);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Supplier<String> valid() {
        return () -> rs256(b -> {});
    }

    private static Instant secondsFromNow(long s) {
        return Instant.now().plusSeconds(s);
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of(
                        "expired",
                        (Supplier<String>) () -> rs256(b -> b.expirationTime(Date.from(secondsFromNow(-120)))),
                        "token_expired"),
                Arguments.of(
                        "not yet valid",
                        (Supplier<String>) () -> rs256(b -> b.notBeforeTime(Date.from(secondsFromNow(120)))),
                        "token_not_yet_valid"),
                Arguments.of(
                        "wrong issuer",
                        (Supplier<String>) () -> rs256(b -> b.issuer("https://evil.test")),
                        "invalid_issuer"),
                Arguments.of(
                        "wrong audience",
                        (Supplier<String>) () -> rs256(b -> b.audience("other-api")),
                        "invalid_audience"),
                Arguments.of(
                        "missing exp", (Supplier<String>) () -> rs256(b -> b.expirationTime(null)), "invalid_token"),
                Arguments.of("missing sub", (Supplier<String>) () -> rs256(b -> b.subject(null)), "invalid_token"),
                Arguments.of("blank sub", (Supplier<String>) () -> rs256(b -> b.subject("  ")), "invalid_token"),
                Arguments.of(
                        "unknown kid",
                        (Supplier<String>) () -> {
                            try {
                                return sign(new RSASSASigner(rogue), JWSAlgorithm.RS256, rogue.getKeyID(), b -> {});
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "invalid_token"),
                Arguments.of(
                        "known kid, wrong key",
                        (Supplier<String>) () -> {
                            try {
                                return sign(new RSASSASigner(rogue), JWSAlgorithm.RS256, rsa.getKeyID(), b -> {});
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "invalid_token"),
                Arguments.of(
                        "alg none",
                        (Supplier<String>) () -> new PlainJWT(claims().build()).serialize(),
                        "invalid_token"),
                Arguments.of(
                        "HS256 with the RSA public key bytes",
                        (Supplier<String>) () -> {
                            try {
                                return sign(
                                        new MACSigner(rsa.toRSAPublicKey().getEncoded()),
                                        JWSAlgorithm.HS256,
                                        rsa.getKeyID(),
                                        b -> {});
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "invalid_token"),
                Arguments.of(
                        "tampered payload",
                        (Supplier<String>) () -> {
                            String[] parts = rs256(b -> {}).split("\\.");
                            String forged = Base64URL.encode(claims().subject("mallory")
                                            .claim("roles", List.of("admin"))
                                            .build()
                                            .toString())
                                    .toString();
                            return parts[0] + "." + forged + "." + parts[2];
                        },
                        "invalid_token"),
                Arguments.of(
                        "tampered signature",
                        (Supplier<String>) () -> {
                            String token = rs256(b -> {});
                            char last = token.charAt(token.length() - 5);
                            return token.substring(0, token.length() - 5)
                                    + (last == 'A' ? 'B' : 'A')
                                    + token.substring(token.length() - 4);
                        },
                        "invalid_token"),
                Arguments.of("not a JWT", (Supplier<String>) () -> "not-a-jwt", "invalid_token"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("refusedTokens")
    void should_refuse_the_token_with_its_code(String name, Supplier<String> token, String code) {
        HttpResponse<String> response = http.get("/v1/agents", token.get());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_token\""));
        assertThat(json(response).get("code").asText()).isEqualTo(code);
        assertThat(json(response).get("status").asInt()).isEqualTo(401);
    }

    @Test
    void should_accept_a_valid_rs256_token() {
        HttpResponse<String> response = http.get("/v1/tools", valid().get());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("tools"))
                .extracting(t -> t.get("name").asText())
                .contains("restart_service");
    }

    @Test
    void should_accept_a_valid_es256_token() throws Exception {
        String token = sign(new ECDSASigner(ec), JWSAlgorithm.ES256, ec.getKeyID(), b -> {});

        assertThat(http.get("/v1/agents", token).statusCode()).isEqualTo(200);
    }

    @Test
    void should_tolerate_an_expiry_within_the_clock_skew() {
        String token = rs256(b -> b.expirationTime(Date.from(secondsFromNow(-10))));

        assertThat(http.get("/v1/agents", token).statusCode()).isEqualTo(200);
    }

    @Test
    void should_cache_the_jwks_between_requests() {
        http.get("/v1/agents", valid().get());
        int before = JWKS_FETCHES.get();

        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/v1/agents", valid().get()).statusCode()).isEqualTo(200);
        }

        assertThat(JWKS_FETCHES.get()).isEqualTo(before);
    }
}
