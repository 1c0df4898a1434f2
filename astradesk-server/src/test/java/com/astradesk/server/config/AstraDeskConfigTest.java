package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AstraDeskConfigTest {

    @Test
    void should_use_embedded_defaults_for_an_empty_environment() {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of());

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.server().environment()).isEqualTo(DeploymentEnvironment.DEVELOPMENT);
        assertThat(config.server().apiVersion()).isEqualTo("v1");
        assertThat(config.server().maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(config.auth().embedded()).isTrue();
        assertThat(config.auth().algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
        assertThat(config.auth().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.store().allEmbedded()).isTrue();
        assertThat(config.logging().level()).isEqualTo("INFO");
        assertThat(config.embeddedAuth()).isTrue();
        assertThat(config.devIssuer().keyFile())
                .isEqualTo(Path.of("").toAbsolutePath().resolve("var/dev-issuer/jwk.json"));
    }

    @Test
    void should_read_every_variable() {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.ofEntries(
                Map.entry("PORT", "9090"),
                Map.entry("BIND_ADDRESS", "127.0.0.1"),
                Map.entry("ASTRADESK_ENV", "production"),
                Map.entry("API_VERSION", "v2"),
                Map.entry("LOG_LEVEL", "debug"),
                Map.entry("OIDC_ISSUER", "https://idp/realms/a"),
                Map.entry("OIDC_AUDIENCE", "api"),
                Map.entry("OIDC_JWKS_URL", "https://idp/realms/a/certs"),
                Map.entry("OIDC_ALGORITHMS", "RS256"),
                Map.entry("OIDC_CLOCK_SKEW_SECONDS", "10"),
                Map.entry("DATABASE_URL", "postgresql://u:p@db:5432/astradesk"),
                Map.entry("REDIS_URL", "redis://cache:6379"),
                Map.entry("NATS_URL", "nats://bus:4222"),
                Map.entry("ASTRADESK_HOME", "/opt/astradesk")));

        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.server().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.server().environment()).isEqualTo(DeploymentEnvironment.PRODUCTION);
        assertThat(config.server().apiVersion()).isEqualTo("v2");
        assertThat(config.server().virtualThreads()).isTrue();
        assertThat(AstraDeskConfig.fromEnv(Map.of("HTTP_VIRTUAL_THREADS", "off"))
                        .server()
                        .virtualThreads())
                .isFalse();
        assertThat(config.logging().level()).isEqualTo("DEBUG");
        assertThat(config.auth().issuer()).contains("https://idp/realms/a");
        assertThat(config.auth().audience()).contains("api");
        assertThat(config.auth().jwksUrl()).contains(URI.create("https://idp/realms/a/certs"));
        assertThat(config.auth().algorithms()).containsExactly("RS256");
        assertThat(config.auth().clockSkew()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.store().databaseUrl()).isPresent();
        assertThat(config.store().redisUrl()).isPresent();
        assertThat(config.store().natsUrl()).isPresent();
        assertThat(config.devIssuer().home()).isEqualTo(Path.of("/opt/astradesk"));
        assertThat(config.embeddedAuth()).isFalse();
    }

    @Test
    void should_refuse_production_without_oidc_naming_the_missing_variables() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("ASTRADESK_ENV", "production")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OIDC_ISSUER")
                .hasMessageContaining("OIDC_AUDIENCE")
                .hasMessageContaining("OIDC_JWKS_URL")
                .satisfies(e -> assertThat(((ConfigException) e).variables())
                        .containsExactly("OIDC_ISSUER", "OIDC_AUDIENCE", "OIDC_JWKS_URL"));
    }

    @Test
    void should_refuse_incomplete_oidc_settings_naming_what_is_missing() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("OIDC_ISSUER", "https://idp")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).variables())
                        .containsExactly("OIDC_AUDIENCE", "OIDC_JWKS_URL"));
    }

    @ParameterizedTest
    @CsvSource({
        "PORT, eighty",
        "PORT, 70000",
        "ASTRADESK_ENV, staging-ish",
        "LOG_LEVEL, verbose",
        "API_VERSION, v 1",
        "DATABASE_URL, mysql://db/x",
        "REDIS_URL, http://cache",
        "NATS_URL, ://bad",
        "OIDC_ALGORITHMS, HS256",
        "OIDC_CLOCK_SKEW_SECONDS, -1",
        "HTTP_VIRTUAL_THREADS, maybe",
        "ASYNC_RUN_WORKERS, many",
        "ASYNC_RUN_WORKERS, 65",
        "ASYNC_RUN_LEASE, 1s",
        "ASYNC_RUN_LEASE, soon",
        "ASYNC_RUN_TTL, 30s",
        "ASYNC_RUN_MAX_ATTEMPTS, 0",
        "ASYNC_RUN_QUEUE, work queue",
        "RUN_CONCURRENCY, many",
        "RUN_CONCURRENCY, -1",
        "RUN_CONCURRENCY, 1025",
        "RUN_QUEUE_TIMEOUT, 0",
        "RUN_QUEUE_TIMEOUT, 11m",
        "RUN_QUEUE_TIMEOUT, soon"
    })
    void should_name_the_variable_when_a_value_is_invalid(String variable, String value) {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(variable)
                .satisfies(e -> assertThat(((ConfigException) e).variables()).contains(variable));
    }

    @Test
    void should_not_limit_runs_by_default_and_take_auto_two_per_processor_or_a_number() {
        int processors = Runtime.getRuntime().availableProcessors();

        RunAdmissionConfig defaults = AstraDeskConfig.fromEnv(Map.of()).runAdmission();
        RunAdmissionConfig auto =
                AstraDeskConfig.fromEnv(Map.of("RUN_CONCURRENCY", "AUTO")).runAdmission();
        RunAdmissionConfig eight = AstraDeskConfig.fromEnv(Map.of("RUN_CONCURRENCY", "8", "RUN_QUEUE_TIMEOUT", "250ms"))
                .runAdmission();
        RunAdmissionConfig off =
                AstraDeskConfig.fromEnv(Map.of("RUN_CONCURRENCY", "0")).runAdmission();

        assertThat(defaults.limited()).isFalse();
        assertThat(defaults.queueTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(auto.concurrency()).isEqualTo(2 * processors).isEqualTo(RunAdmissionConfig.auto(processors));
        assertThat(eight.concurrency()).isEqualTo(8);
        assertThat(eight.queueTimeout()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(off.limited()).isFalse();
        assertThat(RunAdmissionConfig.auto(0)).isEqualTo(2);
        assertThat(RunAdmissionConfig.auto(4096)).isEqualTo(RunAdmissionConfig.MAX_CONCURRENCY);
    }

    @Test
    void should_report_every_invalid_variable_at_once() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("PORT", "x", "LOG_LEVEL", "loud")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).variables()).containsExactly("PORT", "LOG_LEVEL"));
    }

    @Test
    void should_not_echo_a_database_password_in_errors() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("DATABASE_URL", "mysql://admin:s3cret@db/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("s3cret");
    }
}
