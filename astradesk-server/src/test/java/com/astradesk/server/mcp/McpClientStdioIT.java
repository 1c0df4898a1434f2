package com.astradesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wired server with {@code MCP_SERVERS_FILE} naming the real {@code server-everything} over stdio: its tools
 * in {@code GET /v1/tools} by role, planned by the keyword planner from the file's rule, offered again through
 * AstraDesk's own {@code /mcp}, and back after its process dies.
 */
class McpClientStdioIT {
    @TempDir
    Path home;

    private AstraDeskServer server;
    private HttpHarness http;

    @BeforeEach
    void start() throws IOException {
        Path file = Files.writeString(home.resolve("mcp-servers.yaml"), """
                startup_wait: 30s
                servers:
                  everything:
                    command: node
                    args: ["%s", "stdio"]
                    allowed_roles: [sre]
                    timeout: 20s
                    agents: [support]
                    tools:
                      echo:
                        allowed_roles: [it.support, sre]
                        keyword_rules:
                          - triggers: ["echo"]
                            arguments: { message: whole_input }
                      get-sum:
                        allowed_roles: [sre]
                      not-listed-by-the-server:
                        allowed_roles: [sre]
                """.formatted(EverythingServer.entryPoint()));
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("ASTRADESK_HOME", home.toString());
        env.put("WEATHER_URL", "none");
        env.put("EMBEDDING_MODEL", "hashing");
        env.put("KNOWLEDGE_DIR", home.resolve("kb").toString());
        env.put("MCP_SERVERS_FILE", file.toString());
        server = ServerWiring.wire(AstraDeskConfig.fromEnv(env)).start();
        http = new HttpHarness(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String token(String sub, String... roles) {
        String rolesJson = List.of(roles).stream().map(HttpHarness::quote).collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> minted = http.postJson(
                "/dev/token", null, "{\"sub\":" + HttpHarness.quote(sub) + ",\"roles\":" + rolesJson + "}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        return HttpHarness.json(minted).get("access_token").asText();
    }

    private List<String> tools(String token) {
        List<String> names = new ArrayList<>();
        HttpHarness.json(http.get("/v1/tools", token))
                .get("tools")
                .forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    @Test
    void should_list_the_external_tools_by_role() {
        assertThat(tools(token("sue", "it.support")))
                .contains("everything__echo")
                .doesNotContain("everything__get_sum", "everything__get_tiny_image");
        assertThat(tools(token("sam", "sre")))
                .contains("everything__echo", "everything__get_sum", "everything__get_tiny_image")
                .doesNotContain("everything__not_listed_by_the_server");
        assertThat(tools(token("vic", "viewer"))).noneMatch(n -> n.startsWith("everything__"));
    }

    @Test
    void should_plan_an_external_tool_from_the_files_keyword_rule() {
        HttpResponse<String> run = http.postJson(
                "/v1/agents/run", token("sue", "it.support"), "{\"agent\":\"support\",\"input\":\"echo hello there\"}");

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode step = HttpHarness.json(run).get("steps").get(0);
        assertThat(step.get("tool").asText()).isEqualTo("everything__echo");
        assertThat(step.get("status").asText()).isEqualTo("ok");
        assertThat(step.get("summary").asText()).startsWith("Echo: ").contains("hello there");
    }

    @Test
    void should_offer_external_tools_again_through_the_mcp_endpoint() {
        String token = token("sam", "sre");
        try (McpSyncClient client =
                McpTestClients.bearer("http://127.0.0.1:" + server.port(), token, Duration.ofSeconds(30))) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("everything__get_sum");

            McpSchema.CallToolResult sum =
                    client.callTool(new McpSchema.CallToolRequest("everything__get_sum", Map.of("a", 2, "b", 3)));

            assertThat(sum.isError()).isFalse();
            assertThat(((McpSchema.TextContent) sum.content().get(0)).text()).contains("is 5");
        }
    }

    @Test
    void should_restart_the_stdio_server_after_its_process_dies() throws Exception {
        String token = token("sam", "sre");
        List<ProcessHandle> children = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("server-everything"))
                .toList();
        assertThat(children).isNotEmpty();

        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : children) {
            p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        HttpResponse<String> during =
                http.postJson("/v1/agents/run", token, "{\"agent\":\"support\",\"input\":\"echo while down\"}");

        JsonNode step = HttpHarness.json(during).get("steps").get(0);
        assertThat(step.get("status").asText()).isEqualTo("error");
        assertThat(step.get("error").asText()).contains("MCP server 'everything'");

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "error";
        while (!status.equals("ok") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            HttpResponse<String> again =
                    http.postJson("/v1/agents/run", token, "{\"agent\":\"support\",\"input\":\"echo after restart\"}");
            status = HttpHarness.json(again).get("steps").get(0).get("status").asText();
        }
        assertThat(status).as("echo works again after the reconnect").isEqualTo("ok");
    }
}
