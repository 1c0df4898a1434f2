package com.astradesk.server.auth;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.http.AstraDeskServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
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
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JWT attacks through the real auth handler, against a JWKS on a local HTTP server: each is refused with 401
 * and its code. Complements {@link BearerTokenHttpTest}.
 */
class JwtAttackHttpTest {
    private static final String ISSUER = "https://idp.example.test/realms/astradesk";
    private static final String AUDIENCE = "astradesk-api";
    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey rogue;
    private static ECKey rogueEc;
    private static HttpServer jwksServer;
    private static String attackerJwks;
    private static AstraDeskServer server;
    private static HttpHarness http;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        rogue = new RSAKeyGenerator(2048).keyID("rogue-1").generate();
        rogueEc = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        byte[] jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        byte[] evil = new JWKSet(rogue.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve(jwksServer, "/jwks", jwks);
        serve(jwksServer, "/attacker", evil);
        jwksServer.start();
        String base = "http://127.0.0.1:" + jwksServer.getAddress().getPort();
        attackerJwks = base + "/attacker";
        TestFixtures fixtures = new TestFixtures();
        server = AstraDeskServer.builder()
                .withAgents(fixtures.agents())
                .withToolRegistry(fixtures.registry)
                .withTokenVerifier(TokenVerifier.builder()
                        .withIssuer(ISSUER)
                        .withAudience(AUDIENCE)
                        .withJwksUrl(URI.create(base + "/jwks"))
                        .build())
                .build()
                .start();
        http = new HttpHarness(server);
    }

    private static void serve(HttpServer s, String path, byte[] body) {
        s.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
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

    private static String signed(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSHeader.Builder rsHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).type(JOSEObjectType.JWT);
    }

    private static RSASSASigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ours(Consumer<JWTClaimsSet.Builder> edit) {
        JWTClaimsSet.Builder b = claims();
        edit.accept(b);
        return signed(rsHeader().build(), b.build(), signer(rsa));
    }

    private static String ourHeader(JWSHeader header) {
        return signed(header, claims().build(), signer(rsa));
    }

    /** A token whose payload is raw JSON text, signed with our key (for malformed claim types). */
    private static String rawPayload(String json) {
        try {
            JWSObject jws = new JWSObject(rsHeader().build(), new Payload(json));
            jws.sign(signer(rsa));
            return jws.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return Base64URL.encode(s.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String unsigned(String headerJson) {
        return b64(headerJson) + "." + b64(claims().build().toString()) + ".";
    }

    private static Instant in(long seconds) {
        return Instant.now().plusSeconds(seconds);
    }

    private static Arguments c(String name, Supplier<String> token, String code) {
        return Arguments.of(name, token, code);
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                c("alg none, empty signature", () -> unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}"), "invalid_token"),
                c("alg None (capitalised)", () -> unsigned("{\"alg\":\"None\"}"), "invalid_token"),
                c("alg nOnE with kid", () -> unsigned("{\"alg\":\"nOnE\",\"kid\":\"rsa-1\"}"), "invalid_token"),
                c("alg missing", () -> unsigned("{\"typ\":\"JWT\"}"), "invalid_token"),
                c(
                        "HS256 keyed with the JWKS JSON",
                        () -> {
                            try {
                                byte[] secret =
                                        new JWKSet(rsa.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                                return signed(
                                        new JWSHeader.Builder(JWSAlgorithm.HS256)
                                                .keyID("rsa-1")
                                                .build(),
                                        claims().build(),
                                        new MACSigner(secret));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "invalid_token"),
                c(
                        "HS512 keyed with the RSA modulus",
                        () -> {
                            try {
                                return signed(
                                        new JWSHeader.Builder(JWSAlgorithm.HS512)
                                                .keyID("rsa-1")
                                                .build(),
                                        claims().build(),
                                        new MACSigner(rsa.getModulus().decode()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "invalid_token"),
                c(
                        "RS512 outside the allow-list",
                        () -> signed(
                                new JWSHeader.Builder(JWSAlgorithm.RS512)
                                        .keyID("rsa-1")
                                        .build(),
                                claims().build(),
                                signer(rsa)),
                        "invalid_token"),
                c(
                        "PS256 outside the allow-list",
                        () -> signed(
                                new JWSHeader.Builder(JWSAlgorithm.PS256)
                                        .keyID("rsa-1")
                                        .build(),
                                claims().build(),
                                signer(rsa)),
                        "invalid_token"),
                c(
                        "header says ES256, RSA signature",
                        () -> {
                            String[] rs = ours(b -> {}).split("\\.");
                            return b64("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}") + "." + rs[1] + "." + rs[2];
                        },
                        "invalid_token"),
                c(
                        "kid path traversal",
                        () -> signed(
                                rsHeader().keyID("../../../../etc/passwd").build(), claims().build(), signer(rogue)),
                        "invalid_token"),
                c(
                        "kid SQL injection",
                        () -> signed(rsHeader().keyID("x' OR '1'='1").build(), claims().build(), signer(rogue)),
                        "invalid_token"),
                c(
                        "kid of 5000 characters",
                        () -> signed(rsHeader().keyID("k".repeat(5000)).build(), claims().build(), signer(rogue)),
                        "invalid_token"),
                c(
                        "jku to the attacker's JWKS",
                        () -> signed(
                                new JWSHeader.Builder(JWSAlgorithm.RS256)
                                        .keyID(rogue.getKeyID())
                                        .jwkURL(URI.create(attackerJwks))
                                        .build(),
                                claims().build(),
                                signer(rogue)),
                        "invalid_token"),
                c(
                        "x5u to the attacker",
                        () -> signed(
                                new JWSHeader.Builder(JWSAlgorithm.RS256)
                                        .keyID(rogue.getKeyID())
                                        .x509CertURL(URI.create(attackerJwks))
                                        .build(),
                                claims().build(),
                                signer(rogue)),
                        "invalid_token"),
                c(
                        "embedded jwk with our kid",
                        () -> signed(
                                new JWSHeader.Builder(JWSAlgorithm.RS256)
                                        .keyID(rsa.getKeyID())
                                        .jwk(rogue.toPublicJWK())
                                        .build(),
                                claims().build(),
                                signer(rogue)),
                        "invalid_token"),
                c(
                        "crit header naming an unknown parameter",
                        () -> ourHeader(rsHeader()
                                .criticalParams(Set.of("x-policy"))
                                .customParam("x-policy", "skip")
                                .build()),
                        "invalid_token"),
                c(
                        "typ JWE",
                        () -> ourHeader(
                                rsHeader().type(new JOSEObjectType("JWE")).build()),
                        "invalid_token"),
                c(
                        "typ id_token style (JOSE+JSON)",
                        () -> ourHeader(
                                rsHeader().type(JOSEObjectType.JOSE_JSON).build()),
                        "invalid_token"),
                c(
                        "exp as a string",
                        () -> rawPayload("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                                + "\",\"sub\":\"alice\",\"exp\":\"9999999999\"}"),
                        "invalid_token"),
                c("payload is a JSON array", () -> rawPayload("[1,2,3]"), "invalid_token"),
                c("payload is not JSON", () -> rawPayload("hello"), "invalid_token"),
                c("huge garbage token", () -> "A".repeat(6000), "invalid_token"),
                c("non-base64 segments", () -> "@@@.###.$$$", "invalid_token"),
                c("extra dots", () -> ours(b -> {}) + ".extra", "invalid_token"),
                c("only dots", () -> "..", "invalid_token"),
                c(
                        "empty signature",
                        () -> {
                            String t = ours(b -> {});
                            return t.substring(0, t.lastIndexOf('.') + 1);
                        },
                        "invalid_token"),
                c(
                        "ES256 signature from another key with the same kid",
                        () -> {
                            try {
                                return signed(
                                        new JWSHeader.Builder(JWSAlgorithm.ES256)
                                                .keyID(ec.getKeyID())
                                                .build(),
                                        claims().build(),
                                        new ECDSASigner(rogueEc));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "invalid_token"),
                c("iss with a trailing slash", () -> ours(b -> b.issuer(ISSUER + "/")), "invalid_issuer"),
                c("iss missing", () -> ours(b -> b.issuer(null)), "invalid_token"),
                c("aud array without ours", () -> ours(b -> b.audience(List.of("a", "b"))), "invalid_audience"),
                c("aud missing", () -> ours(b -> b.audience((String) null)), "invalid_token"),
                c(
                        "nbf far in the future",
                        () -> ours(b -> b.notBeforeTime(Date.from(in(86_400L * 365 * 50)))),
                        "token_not_yet_valid"),
                c(
                        "iat far in the future",
                        () -> ours(b -> b.issueTime(Date.from(in(86_400L * 365 * 50)))),
                        "token_not_yet_valid"),
                c("exp at the epoch", () -> ours(b -> b.expirationTime(new Date(0))), "token_expired"),
                c(
                        "signature of another token spliced in",
                        () -> {
                            String[] a = ours(b -> {}).split("\\.");
                            String[] other = ours(b -> b.subject("mallory")).split("\\.");
                            return a[0] + "." + other[1] + "." + a[2];
                        },
                        "invalid_token"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("attacks")
    void should_refuse_the_attack_with_401_and_its_code(String name, Supplier<String> token, String code) {
        HttpResponse<String> response = http.get("/v1/agents", token.get());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_token\""));
        assertThat(json(response).get("code").asText()).isEqualTo(code);
        assertThat(response.body())
                .doesNotContain(token.get().length() > 20 ? token.get().substring(0, 20) : "\u0000");
    }

    private HttpResponse<String> withHeaders(String path, Map<String, List<String>> headers) {
        HttpRequest.Builder b = http.request(path).GET();
        headers.forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
        return http.send(b);
    }

    @Test
    void should_ignore_a_token_in_the_query_string() {
        HttpResponse<String> response = http.get("/v1/agents?access_token=" + ours(b -> {}), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("code").asText()).isEqualTo("missing_token");
    }

    @Test
    void should_refuse_two_authorization_headers_even_if_one_is_valid() {
        HttpResponse<String> response = withHeaders(
                "/v1/agents",
                Map.of(
                        "Authorization",
                        List.of("Bearer " + ours(b -> {}), "Bearer " + ours(b -> b.subject("mallory")))));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("code").asText()).isEqualTo("invalid_token");
    }

    @Test
    void should_refuse_the_basic_scheme_as_a_missing_token() {
        HttpResponse<String> response =
                withHeaders("/v1/agents", Map.of("Authorization", List.of("Basic YWxpY2U6c2VjcmV0")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("code").asText()).isEqualTo("missing_token");
    }

    @Test
    void should_refuse_a_bearer_header_with_two_tokens() {
        HttpResponse<String> response = withHeaders(
                "/v1/agents", Map.of("Authorization", List.of("Bearer " + ours(b -> {}) + " " + ours(b -> {}))));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("code").asText()).isEqualTo("invalid_token");
    }

    @Test
    void should_treat_the_scheme_name_case_insensitively_as_rfc_7235_requires_but_still_verify() {
        HttpResponse<String> lowerValid =
                withHeaders("/v1/agents", Map.of("Authorization", List.of("bearer " + ours(b -> {}))));
        HttpResponse<String> lowerForged =
                withHeaders("/v1/agents", Map.of("Authorization", List.of("bearer " + unsigned("{\"alg\":\"none\"}"))));

        assertThat(lowerValid.statusCode()).isEqualTo(200);
        assertThat(lowerForged.statusCode()).isEqualTo(401);
        assertThat(json(lowerForged).get("code").asText()).isEqualTo("invalid_token");
    }
}
