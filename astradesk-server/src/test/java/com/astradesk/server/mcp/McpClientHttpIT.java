package com.astradesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.server.config.McpServersFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP client over Streamable HTTP: the real {@code server-everything} from npm (stopped and started again to
 * see the reconnect), and AstraDesk's own {@code /mcp} as a second remote that needs a bearer token taken from the
 * environment and that announces {@code tools/list_changed}.
 */
class McpClientHttpIT {
    private static final Principal SRE = Principal.of("sam", "sre");
    private static final Principal VIEWER = Principal.of("vic", "viewer");

    @TempDir
    Path dir;

    private EverythingServer everything;
    private McpFixture remote;
    private ToolRegistry registry;
    private McpClients clients;

    @BeforeEach
    void start() throws IOException {
        everything = EverythingServer.http();
        remote = new McpFixture();
        registry = ToolRegistry.builder().withPolicy(ToolPolicy.roleBased()).build();
        Path file = Files.writeString(dir.resolve("mcp.yaml"), """
                startup_wait: 30s
                servers:
                  everything:
                    url: %s
                    allowed_roles: [sre]
                    timeout: 20s
                    tools:
                      echo:
                        allowed_roles: [sre, viewer]
                        timeout: 5s
                  desk:
                    url: %s/mcp
                    headers:
                      Authorization: "Bearer ${DESK_TOKEN}"
                    allowed_roles: [sre]
                """.formatted(everything.url(), remote.url()));
        String token = McpFixture.token("bridge", List.of("sre"), List.of());
        McpServersFile servers =
                McpServersFile.read(file, name -> name.equals("DESK_TOKEN") ? Optional.of(token) : Optional.empty());
        clients = McpClients.start(servers, registry, "test");
    }

    @AfterEach
    void stop() throws IOException {
        if (clients != null) {
            clients.close();
        }
        remote.close();
        everything.close();
    }

    private ToolOutcome call(String tool, Map<String, Object> args, Principal who) {
        return registry.execute(ToolCall.of(tool, args, who).withChannel("mcp"));
    }

    @Test
    void should_register_the_tools_of_both_servers_with_the_roles_the_file_gives() {
        assertThat(clients.states()).containsEntry("everything", "up").containsEntry("desk", "up");
        assertThat(registry.find("everything__echo")).hasValueSatisfying(d -> {
            assertThat(d.allowedRoles()).containsExactlyInAnyOrder("sre", "viewer");
            assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(d.sideEffect()).isEqualTo(SideEffect.READ);
            assertThat(d.argumentsSchema()).containsKey("properties");
        });
        // not described: read-only, the server's roles
        assertThat(registry.find("everything__get_sum")).hasValueSatisfying(d -> {
            assertThat(d.allowedRoles()).containsExactly("sre");
            assertThat(d.sideEffect()).isEqualTo(SideEffect.READ);
            assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(20));
        });
        // the bearer token from the environment got the desk server's listing for its sre caller
        assertThat(registry.find("desk__restart_service")).isPresent();
        assertThat(registry.find("desk__get_status")).isPresent();
        assertThat(registry.availableTo(VIEWER))
                .extracting(ToolDescriptor::name)
                .contains("everything__echo")
                .doesNotContain("everything__get_sum", "desk__get_status");
    }

    @Test
    void should_call_external_tools_through_the_chain() {
        ToolOutcome echo = call("everything__echo", Map.of("message", "hi"), VIEWER);
        ToolOutcome sum = call("everything__get_sum", Map.of("a", 2, "b", 3), SRE);
        ToolOutcome denied = call("everything__get_sum", Map.of("a", 2, "b", 3), VIEWER);
        ToolOutcome invalid = call("everything__get_sum", Map.of("a", "two"), SRE);
        ToolOutcome pending = call("desk__restart_service", Map.of("service", "payments"), SRE);

        assertThat(echo.status()).isEqualTo(CallStatus.OK);
        assertThat(echo.result().orElseThrow().summary()).isEqualTo("Echo: hi");
        assertThat(sum.result().orElseThrow().summary()).contains("is 5");
        assertThat(denied.outcome()).isEqualTo(CallOutcome.DENIED_ROLE);
        assertThat(invalid.outcome()).isEqualTo(CallOutcome.INVALID_ARGUMENTS);
        // the remote AstraDesk parks its restart for approval: a result for us, naming the approval
        assertThat(pending.status()).isEqualTo(CallStatus.OK);
        assertThat(pending.result().orElseThrow().summary()).contains("waits for approval");
        assertThat(remote.restarts).hasValue(0);
        assertThat(echo.audit().args()).containsEntry("channel", "mcp");
    }

    @Test
    void should_pick_up_a_tool_the_server_adds_after_initialization() {
        // server-everything registers simulate-research-query after initialization and announces it; over HTTP
        // the announcement may come before the notification stream is open, so the client also lists again
        await(() -> registry.find("everything__simulate_research_query").isPresent(), "the announced tool");
    }

    @Test
    void should_refresh_the_registry_on_tools_list_changed() {
        // the desk server gains a tool and announces it; a server drops an announcement made while the
        // client's notification stream is not open yet, so the test announces again until one arrives
        remote.registry.register(new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return ToolDescriptor.builder("get_uptime")
                        .withDescription("Uptime")
                        .build();
            }

            @Override
            public ToolResult call(ToolCall call) {
                return ToolResult.of("up 3 days", Map.of());
            }
        });
        await(
                () -> {
                    remote.mcp.refresh();
                    return clients.listChanges("desk") >= 1;
                },
                "a tools/list_changed from the desk server");
        await(() -> registry.find("desk__get_uptime").isPresent(), "desk__get_uptime after list_changed");
        assertThat(call("desk__get_uptime", Map.of(), SRE)
                        .result()
                        .orElseThrow()
                        .summary())
                .isEqualTo("up 3 days");

        int before = clients.listChanges("desk");
        remote.registry.unregister("get_uptime");
        remote.mcp.refresh();
        await(() -> registry.find("desk__get_uptime").isEmpty(), "desk__get_uptime gone after list_changed");
        assertThat(clients.listChanges("desk")).isGreaterThan(before);
    }

    @Test
    void should_answer_a_clear_error_while_the_server_is_dead_and_reconnect_when_it_is_back() throws IOException {
        assertThat(call("everything__echo", Map.of("message", "before"), SRE).status())
                .isEqualTo(CallStatus.OK);

        everything.stop();
        ToolOutcome first = call("everything__echo", Map.of("message", "during"), SRE);
        ToolOutcome second = call("everything__echo", Map.of("message", "during"), SRE);

        assertThat(first.status()).isEqualTo(CallStatus.ERROR);
        assertThat(first.error()).hasValueSatisfying(e -> assertThat(e).contains("MCP server 'everything'"));
        assertThat(second.error())
                .hasValueSatisfying(
                        e -> assertThat(e).contains("MCP server 'everything' is unavailable; reconnecting"));
        assertThat(registry.find("everything__echo"))
                .as("tools stay registered")
                .isPresent();

        everything.start();
        await(() -> "up".equals(clients.states().get("everything")), "the reconnect");
        assertThat(clients.connects("everything")).isEqualTo(2);
        assertThat(call("everything__echo", Map.of("message", "after"), SRE)
                        .result()
                        .orElseThrow()
                        .summary())
                .isEqualTo("Echo: after");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
