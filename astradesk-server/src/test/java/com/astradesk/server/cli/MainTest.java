package com.astradesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {
    @TempDir
    Path home;

    private record Run(int code, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void should_refuse_to_serve_in_production_without_oidc_naming_the_variables() {
        Run run = run(Map.of("ASTRADESK_ENV", "production", "PORT", "0"), "serve");

        assertThat(run.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err())
                .contains("OIDC_ISSUER", "OIDC_AUDIENCE", "OIDC_JWKS_URL")
                .doesNotContain("\tat ");
    }

    @Test
    void should_refuse_to_serve_by_default_in_production_without_oidc() {
        Run run = run(Map.of("ASTRADESK_ENV", "production", "PORT", "0"));

        assertThat(run.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err()).contains("OIDC_ISSUER");
    }

    @Test
    void should_print_just_a_token_and_persist_the_key_with_mode_600() throws Exception {
        Run run = run(
                Map.of("ASTRADESK_HOME", home.toString()),
                "token",
                "--sub",
                "alice",
                "--roles",
                "sre,it.support",
                "--ttl",
                "30m");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().strip()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(run.out().strip().lines()).hasSize(1);
        Path keyFile = home.resolve("var/dev-issuer/jwk.json");
        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void should_refuse_the_token_command_when_an_external_issuer_is_configured() {
        Run run = run(
                Map.of(
                        "OIDC_ISSUER", "https://idp",
                        "OIDC_AUDIENCE", "api",
                        "OIDC_JWKS_URL", "https://idp/jwks"),
                "token",
                "--sub",
                "alice");

        assertThat(run.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("embedded mode");
    }

    @Test
    void should_refuse_an_unreadable_ttl() {
        Run run = run(Map.of("ASTRADESK_HOME", home.toString()), "token", "--sub", "alice", "--ttl", "forever");

        assertThat(run.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err()).contains("--ttl");
    }

    @Test
    void should_require_a_subject() {
        Run run = run(Map.of("ASTRADESK_HOME", home.toString()), "token");

        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--sub");
    }

    @ParameterizedTest
    @CsvSource({"30m, PT30M", "1h, PT1H", "2d, PT48H", "3600, PT1H", "45s, PT45S", "PT2H, PT2H"})
    void should_read_ttl_shorthands(String text, String expected) {
        assertThat(TokenCommand.parseTtl(text)).isEqualTo(Duration.parse(expected));
    }
}
