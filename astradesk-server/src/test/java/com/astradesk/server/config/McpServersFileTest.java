package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.tool.SideEffect;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code MCP_SERVERS_FILE}: YAML or JSON, {@code ${VARIABLE}} references, strict checks naming the entry. */
class McpServersFileTest {
    @TempDir
    Path dir;

    private McpServersFile read(String content, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("mcp.yaml"), content);
        return McpServersFile.read(file, name -> Optional.ofNullable(env.get(name)));
    }

    @Test
    void should_read_a_yaml_file_with_stdio_and_http_servers_and_tool_descriptions() throws IOException {
        McpServersFile file = read("""
                startup_wait: 3s
                servers:
                  everything:
                    command: node
                    args: ["${EVERYTHING_HOME}/dist/index.js", stdio]
                    env: { LOG_LEVEL: debug }
                    allowed_roles: [sre]
                    timeout: 20s
                    agents: [ops]
                    tools:
                      echo:
                        allowed_roles: [it.support, SRE]
                        timeout: 500ms
                        keyword_rules:
                          - triggers: ["echo", "powtórz"]
                            arguments: { message: whole_input, loud: { constant: true } }
                      get-sum: {}
                  tickets:
                    url: https://mcp.example.com/mcp
                    headers: { Authorization: "Bearer ${TICKETS_TOKEN}" }
                    side_effect: write
                    allowed_roles: [it.support]
                """, Map.of("EVERYTHING_HOME", "/opt/everything", "TICKETS_TOKEN", "s3cret"));

        assertThat(file.startupWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(file.servers()).extracting(McpServerSpec::name).containsExactly("everything", "tickets");
        McpServerSpec everything = file.servers().get(0);
        assertThat(everything.transport())
                .isEqualTo(new McpServerSpec.Stdio(
                        "node",
                        List.of("/opt/everything/dist/index.js", "stdio"),
                        Map.of("LOG_LEVEL", "debug"),
                        Optional.empty()));
        assertThat(everything.allowedRoles()).containsExactly("sre");
        assertThat(everything.sideEffect()).isEqualTo(SideEffect.READ);
        assertThat(everything.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(everything.offeredTo("ops")).isTrue();
        assertThat(everything.offeredTo("support")).isFalse();
        McpToolSpec echo = everything.tools().get("echo");
        assertThat(echo.allowedRoles()).isEqualTo(Set.of("it.support", "sre"));
        assertThat(echo.timeout()).contains(Duration.ofMillis(500));
        assertThat(echo.keywordRules()).singleElement().satisfies(r -> {
            assertThat(r.triggers()).containsExactly("echo", "powtórz");
            assertThat(r.arguments())
                    .containsEntry("message", "whole_input")
                    .containsEntry("loud", Map.of("constant", true));
        });
        assertThat(everything.tools().get("get-sum").allowedRoles()).isEmpty();
        McpServerSpec tickets = file.servers().get(1);
        assertThat(tickets.transport())
                .isEqualTo(new McpServerSpec.StreamableHttp(
                        URI.create("https://mcp.example.com/mcp"), Map.of("Authorization", "Bearer s3cret")));
        assertThat(tickets.transport().toString()).doesNotContain("s3cret");
        assertThat(tickets.sideEffect()).isEqualTo(SideEffect.WRITE);
        assertThat(tickets.offeredTo("support")).isTrue();
    }

    @Test
    void should_read_the_same_servers_from_json() throws IOException {
        McpServersFile file = read(
                "{\"servers\":{\"remote\":{\"url\":\"http://127.0.0.1:3001/mcp\",\"allowed_roles\":[\"sre\"],\"timeout\":15}}}",
                Map.of());

        assertThat(file.servers()).singleElement().satisfies(s -> {
            assertThat(s.transport()).isInstanceOf(McpServerSpec.StreamableHttp.class);
            assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(15));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key            | servers: { a: { command: x, allowed_roles: [sre], colour: red } }          | servers.a.colour: unknown key
            both transports        | servers: { a: { command: x, url: 'http://h/mcp' } }                       | servers.a: give either 'command'
            no transport           | servers: { a: { allowed_roles: [sre] } }                                   | servers.a: give either 'command'
            bad server name        | servers: { My-Server: { command: x } }                                      | servers.My-Server: a server name must match
            double underscore      | servers: { a__b: { command: x } }                                           | servers.a__b: a server name must match
            empty roles            | servers: { a: { command: x, allowed_roles: [] } }                          | servers.a.allowed_roles: name at least one role
            bad side effect        | servers: { a: { command: x, side_effect: delete } }                        | servers.a.side_effect: expected read, write or execute
            bad duration           | servers: { a: { command: x, tools: { t: { timeout: soon } } } }            | servers.a.tools.t.timeout: expected a duration
            unset variable         | servers: { a: { url: 'https://h/mcp', headers: { X-Key: '${NOPE}' } } }   | servers.a.headers.X-Key: refers to ${NOPE}, which is not set
            not a url              | servers: { a: { url: 'ftp://h/mcp' } }                                      | servers.a.url: expected an absolute http(s) URL
            headers on stdio       | servers: { a: { command: x, headers: { A: b } } }                           | servers.a.headers: only for a 'url' server
            rule without triggers  | servers: { a: { command: x, tools: { t: { keyword_rules: [ { } ] } } } }   | servers.a.tools.t.keyword_rules[0].triggers: a rule needs at least one trigger
            bad extractor          | servers: { a: { command: x, tools: { t: { keyword_rules: [ { triggers: [go], arguments: { q: magic } } ] } } } } | servers.a.tools.t.keyword_rules[0].arguments.q: expected whole_input
            no servers             | startup_wait: 1s                                                            | servers: expected a map
            """)
    void should_refuse_a_bad_file_naming_the_variable_and_the_entry(String why, String content, String message) {
        assertThatThrownBy(() -> read(content, Map.of()))
                .as(why)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MCP_SERVERS_FILE")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConfigException) e).variables()).containsExactly("MCP_SERVERS_FILE"));
    }

    @Test
    void should_refuse_unparseable_content_and_a_missing_file() throws IOException {
        assertThatThrownBy(() -> read("servers: [unclosed", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot be read as JSON or YAML");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(
                        Map.of("MCP_SERVERS_FILE", dir.resolve("missing.yaml").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MCP_SERVERS_FILE");
    }

    @Test
    void should_not_echo_a_resolved_secret_in_an_error() {
        assertThatThrownBy(() -> read(
                        "servers: { a: { url: 'https://h/mcp', headers: { Authorization: 'Bearer ${T}' }, timeout: nope } }",
                        Map.of("T", "top-secret-value")))
                .isInstanceOf(ConfigException.class)
                .message()
                .doesNotContain("top-secret-value");
    }
}
