package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.server.config.ObservabilityConfig.LogFormat;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityConfigTest {
    private static final Map<String, String> OIDC = Map.of(
            "OIDC_ISSUER", "https://idp.example.com",
            "OIDC_AUDIENCE", "astradesk",
            "OIDC_JWKS_URL", "https://idp.example.com/jwks");

    @Test
    void should_log_text_in_embedded_mode_and_json_with_an_external_issuer_by_default() {
        assertThat(AstraDeskConfig.fromEnv(Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(AstraDeskConfig.fromEnv(OIDC).logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void should_honour_log_format_when_set() {
        assertThat(AstraDeskConfig.fromEnv(Map.of("LOG_FORMAT", "JSON")).logFormat())
                .isEqualTo(LogFormat.JSON);
    }

    @Test
    void should_name_the_variable_when_log_format_is_invalid() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("LOG_FORMAT", "xml")))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.variables()).containsExactly("LOG_FORMAT"))
                .hasMessageContaining("json or text");
    }

    @Test
    void should_export_nothing_when_no_otlp_endpoint_is_set() {
        ObservabilityConfig config = AstraDeskConfig.fromEnv(Map.of()).observability();

        assertThat(config.tracesEndpoint()).isEmpty();
        assertThat(config.serviceName()).isEqualTo("astradesk");
    }

    @Test
    void should_append_v1_traces_to_the_base_endpoint_and_prefer_the_traces_endpoint() {
        assertThat(AstraDeskConfig.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"))
                        .observability()
                        .tracesEndpoint())
                .contains(URI.create("http://collector:4318/v1/traces"));
        assertThat(AstraDeskConfig.fromEnv(Map.of(
                                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/custom"))
                        .observability()
                        .tracesEndpoint())
                .contains(URI.create("http://traces:4318/custom"));
    }

    @Test
    void should_turn_export_off_when_the_traces_exporter_is_none() {
        assertThat(AstraDeskConfig.fromEnv(Map.of(
                                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "OTEL_TRACES_EXPORTER", "none"))
                        .observability()
                        .tracesEndpoint())
                .isEmpty();
        assertThat(AstraDeskConfig.fromEnv(Map.of("OTEL_TRACES_EXPORTER", "otlp"))
                        .observability()
                        .tracesEndpoint())
                .contains(URI.create("http://localhost:4318/v1/traces"));
    }

    @Test
    void should_refuse_grpc_and_unknown_exporters_naming_the_variable() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.variables()).containsExactly("OTEL_EXPORTER_OTLP_PROTOCOL"));
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("OTEL_TRACES_EXPORTER", "zipkin")))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.variables()).containsExactly("OTEL_TRACES_EXPORTER"));
    }

    @Test
    void should_parse_otlp_headers_as_key_value_pairs() {
        assertThat(AstraDeskConfig.fromEnv(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "api-key=a%3Db, tenant=t1"))
                        .observability()
                        .otlpHeaders())
                .containsEntry("api-key", "a=b")
                .containsEntry("tenant", "t1");
    }
}
