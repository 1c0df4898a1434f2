package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {
    private static Map<String, String> oidc() {
        Map<String, String> env = new HashMap<>();
        env.put("OIDC_ISSUER", "https://login.example.com/realms/it");
        env.put("OIDC_AUDIENCE", "astradesk");
        env.put("OIDC_JWKS_URL", "https://login.example.com/realms/it/protocol/openid-connect/certs");
        return env;
    }

    @Test
    void should_offer_no_oidc_sign_in_by_default_and_in_embedded_mode() {
        ConsoleConfig embedded = AstraDeskConfig.fromEnv(Map.of()).console();
        ConsoleConfig external = AstraDeskConfig.fromEnv(oidc()).console();

        assertThat(embedded.oidc()).isFalse();
        assertThat(external.oidc()).isFalse();
        assertThat(external.issuerOrigin()).isEmpty();
    }

    @Test
    void should_sign_in_with_the_issuer_as_the_console_client() {
        Map<String, String> env = oidc();
        env.put("OIDC_CONSOLE_CLIENT_ID", "astradesk-console");

        ConsoleConfig console = AstraDeskConfig.fromEnv(env).console();

        assertThat(console.oidc()).isTrue();
        assertThat(console.oidcClientId()).hasValue("astradesk-console");
        assertThat(console.oidcScope()).isEqualTo("openid profile");
        assertThat(console.issuerOrigin()).hasValue("https://login.example.com");
    }

    @Test
    void should_stop_naming_the_variable_for_bad_values() {
        Map<String, String> spaces = oidc();
        spaces.put("OIDC_CONSOLE_CLIENT_ID", "two words");
        Map<String, String> noOpenid = oidc();
        noOpenid.put("OIDC_CONSOLE_CLIENT_ID", "console");
        noOpenid.put("OIDC_CONSOLE_SCOPE", "profile email");
        Map<String, String> embedded = new HashMap<>(Map.of("OIDC_CONSOLE_CLIENT_ID", "console"));

        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(spaces))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OIDC_CONSOLE_CLIENT_ID");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(noOpenid))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OIDC_CONSOLE_SCOPE");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(embedded))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OIDC_CONSOLE_CLIENT_ID needs OIDC_ISSUER");
    }
}
