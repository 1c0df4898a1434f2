package com.astradesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (Failsafe): the CycloneDX plugin must have written the server's SBOM,
 * {@code target/astradesk-server.cdx.json}, listing its runtime dependencies. Needs no external service.
 */
class SbomIT {
    private static final Path SBOM = Path.of("target", "astradesk-server.cdx.json");

    @Test
    void should_write_a_cyclonedx_sbom_of_the_server_during_package() throws IOException {
        // given
        assertThat(SBOM)
                .as("run `./mvnw -pl astradesk-server -am package` first")
                .exists();

        // when
        JsonNode bom = new ObjectMapper().readTree(SBOM.toFile());

        // then
        assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.get("metadata").get("component").get("name").asText()).isEqualTo("astradesk-server");
        List<String> components = new ArrayList<>();
        bom.get("components")
                .forEach(c -> components.add(
                        c.get("group").asText() + ":" + c.get("name").asText()));
        assertThat(components)
                .contains(
                        "io.javalin:javalin",
                        "com.nimbusds:nimbus-jose-jwt",
                        "io.micrometer:micrometer-registry-prometheus",
                        "io.opentelemetry:opentelemetry-sdk")
                .doesNotContain("org.assertj:assertj-core", "io.opentelemetry:opentelemetry-exporter-sender-okhttp");
    }
}
