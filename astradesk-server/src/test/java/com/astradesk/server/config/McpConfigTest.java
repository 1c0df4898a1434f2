package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MCP settings: the server on by default, the resource URL checked, the servers file resolved. */
class McpConfigTest {

    @Test
    void should_serve_mcp_by_default_without_a_configured_resource_url_or_servers() {
        McpConfig config = AstraDeskConfig.fromEnv(Map.of()).mcp();

        assertThat(config.serverEnabled()).isTrue();
        assertThat(config.resourceUrl()).isEmpty();
        assertThat(config.serversFile()).isEmpty();
    }

    @Test
    void should_read_every_mcp_variable(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(
                dir.resolve("mcp-servers.yaml"), "servers: { local: { command: node, allowed_roles: [sre] } }");
        McpConfig config = AstraDeskConfig.fromEnv(Map.of(
                        "MCP_SERVER_ENABLED", "false",
                        "MCP_RESOURCE_URL", "https://desk.example.com/astradesk/mcp",
                        "MCP_SERVERS_FILE", file.toString()))
                .mcp();

        assertThat(config.serverEnabled()).isFalse();
        assertThat(config.resourceUrl()).contains(URI.create("https://desk.example.com/astradesk/mcp"));
        assertThat(config.serversFile()).hasValueSatisfying(p -> {
            assertThat(p.isAbsolute()).isTrue();
            assertThat(p.getFileName()).hasToString("mcp-servers.yaml");
        });
        assertThat(config.servers().servers()).extracting(McpServerSpec::name).containsExactly("local");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "desk.example.com/mcp",
                "ftp://desk.example.com/mcp",
                "https://",
                "https://x/mcp#frag",
                "http://[bad"
            })
    void should_refuse_a_resource_url_that_is_not_an_absolute_http_url(String value) {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("MCP_RESOURCE_URL", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MCP_RESOURCE_URL")
                .satisfies(e -> assertThat(((ConfigException) e).variables()).contains("MCP_RESOURCE_URL"));
    }

    @Test
    void should_refuse_a_bad_boolean_naming_the_variable() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("MCP_SERVER_ENABLED", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MCP_SERVER_ENABLED");
    }
}
