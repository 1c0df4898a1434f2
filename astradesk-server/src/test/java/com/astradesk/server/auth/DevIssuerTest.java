package com.astradesk.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.policy.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevIssuerTest {
    @TempDir
    Path home;

    @Test
    void should_reuse_the_persisted_key_pair() {
        Path keyFile = home.resolve("var/dev-issuer/jwk.json");

        DevIssuer first = DevIssuer.loadOrCreate(keyFile);
        DevIssuer second = DevIssuer.loadOrCreate(keyFile);

        assertThat(second.keyId()).isEqualTo(first.keyId());
        String token = first.mint("alice", List.of("sre"), List.of(), Duration.ofMinutes(1));
        assertThat(TokenVerifier.forDevIssuer(second).verify(token).subject()).isEqualTo("alice");
    }

    @Test
    void should_mint_tokens_whose_roles_and_groups_become_the_principal() {
        DevIssuer issuer = DevIssuer.ephemeral();

        Principal p = TokenVerifier.forDevIssuer(issuer)
                .verify(issuer.mint("bob", List.of("SRE", "it.support"), List.of("/ops"), Duration.ofMinutes(1)));

        assertThat(p.subject()).isEqualTo("bob");
        assertThat(p.roles()).contains("sre", "it.support");
        assertThat(p.groups()).containsExactly("ops");
    }

    @Test
    void should_refuse_tokens_of_another_dev_issuer() {
        String foreign = DevIssuer.ephemeral().mint("eve", List.of("sre"), List.of(), Duration.ofMinutes(1));

        assertThatThrownBy(
                        () -> TokenVerifier.forDevIssuer(DevIssuer.ephemeral()).verify(foreign))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(
                        e -> assertThat(((AuthenticationException) e).failure()).isEqualTo(AuthFailure.INVALID_TOKEN));
    }

    @Test
    void should_name_the_key_file_when_it_is_corrupt() throws Exception {
        Path keyFile = home.resolve("jwk.json");
        Files.writeString(keyFile, "{not a key");

        assertThatThrownBy(() -> DevIssuer.loadOrCreate(keyFile))
                .isInstanceOf(AstraDeskException.class)
                .hasMessageContaining(keyFile.toString());
    }

    @Test
    void should_refuse_a_ttl_beyond_seven_days_or_a_blank_subject() {
        DevIssuer issuer = DevIssuer.ephemeral();

        assertThatThrownBy(() -> issuer.mint("a", List.of(), List.of(), Duration.ofDays(8)))
                .hasMessageContaining("ttl");
        assertThatThrownBy(() -> issuer.mint(" ", List.of(), List.of(), Duration.ofHours(1)))
                .hasMessageContaining("sub");
    }
}
