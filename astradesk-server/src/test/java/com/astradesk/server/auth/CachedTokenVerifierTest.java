package com.astradesk.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.policy.Principal;
import com.astradesk.server.config.AuthConfig;
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
import org.junit.jupiter.api.Test;

/** With the verified-token cache on, every token that full verification refuses is still refused, same code. */
class CachedTokenVerifierTest {
    private static final String ISSUER = "https://idp.example.test";
    private static final String AUDIENCE = "api";
    private final RSAKey key = generate("k1");
    private final TokenVerifier verifier = TokenVerifier.builder()
            .withIssuer(ISSUER)
            .withAudience(AUDIENCE)
            .withJwkSource(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())))
            .withVerifiedTokenCache(100, Duration.ofSeconds(60))
            .build();

    @Test
    void should_accept_a_valid_token_repeatedly_with_the_same_principal() {
        // given
        String token = sign(key, ISSUER, Instant.now().plusSeconds(600));
        // when
        Principal first = verifier.verify(token);
        Principal again = verifier.verify(token);
        // then
        assertThat(first.subject()).isEqualTo("alice");
        assertThat(first.roles()).containsExactly("sre");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void should_refuse_a_tampered_copy_of_a_cached_token() {
        // given: a valid token is cached
        String token = sign(key, ISSUER, Instant.now().plusSeconds(600));
        verifier.verify(token);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        // when / then
        assertRefused(tampered, AuthFailure.INVALID_TOKEN);
    }

    @Test
    void should_refuse_a_token_signed_by_an_unknown_key_after_a_good_one_was_cached() {
        // given
        verifier.verify(sign(key, ISSUER, Instant.now().plusSeconds(600)));
        // when / then
        assertRefused(sign(generate("k1"), ISSUER, Instant.now().plusSeconds(600)), AuthFailure.INVALID_TOKEN);
    }

    @Test
    void should_keep_precise_codes_for_expired_and_foreign_issuer_tokens() {
        assertRefused(sign(key, ISSUER, Instant.now().minusSeconds(120)), AuthFailure.TOKEN_EXPIRED);
        assertRefused(sign(key, "https://evil.example", Instant.now().plusSeconds(600)), AuthFailure.INVALID_ISSUER);
    }

    @Test
    void should_build_the_cache_from_the_auth_configuration() {
        // given
        AuthConfig config = AuthConfig.oidc(ISSUER, AUDIENCE, java.net.URI.create("http://127.0.0.1:1/jwks"));
        // then
        assertThat(config.tokenCacheSize()).isEqualTo(AuthConfig.DEFAULT_TOKEN_CACHE_SIZE);
        assertThat(config.tokenCacheMaxTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(TokenVerifier.forIssuer(config)).isNotNull();
        assertThatThrownBy(() -> TokenVerifier.builder().withVerifiedTokenCache(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEntries");
    }

    private void assertRefused(String token, AuthFailure expected) {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> verifier.verify(token))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.failure()).isEqualTo(expected));
        }
    }

    private static String sign(RSAKey signingKey, String issuer, Instant exp) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .audience(AUDIENCE)
                    .subject("alice")
                    .expirationTime(Date.from(exp))
                    .claim("roles", List.of("sre"))
                    .claim("groups", List.of())
                    .build();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
