package com.astradesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /mcp} driven by a client no one here wrote: the official TypeScript SDK ({@code @modelcontextprotocol/sdk}
 * from npm, pinned by {@code src/test/node/package-lock.json}) through {@code src/test/node/mcp-client.mjs}.
 */
class McpTypeScriptClientIT {
    private McpFixture fixture;

    @BeforeEach
    void start() {
        NodeInterop.home();
        fixture = new McpFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private JsonNode drive(String token, String callsJson) throws Exception {
        NodeInterop.Result result =
                NodeInterop.node(Duration.ofSeconds(60), "mcp-client.mjs", fixture.url() + "/mcp", token, callsJson);
        assertThat(result.exitCode()).as(result.output()).isZero();
        String last = result.output().strip().lines().reduce((a, b) -> b).orElse("");
        return ServerJson.mapper().readTree(last);
    }

    private static List<String> names(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.get("tools").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    @Test
    void should_list_and_call_tools_with_the_typescript_sdk_client() throws Exception {
        String token = McpFixture.token("ann", List.of(), List.of());

        JsonNode report = drive(
                token,
                "[{\"name\":\"get_status\"},"
                        + "{\"name\":\"restart_service\",\"arguments\":{\"service\":\"payments\"}},"
                        + "{\"name\":\"search_knowledge\",\"arguments\":{\"query\":\"reset the VPN\"}}]");

        assertThat(report.has("error")).as(report.toString()).isFalse();
        assertThat(report.get("server").get("name").asText()).isEqualTo("astradesk");
        assertThat(names(report)).containsExactlyInAnyOrder("get_status", "ping_once", "search_knowledge", "ask_ops");
        JsonNode calls = report.get("calls");
        assertThat(calls.get(0).get("isError").asBoolean()).isFalse();
        assertThat(calls.get(0).get("content").get(0).get("text").asText()).isEqualTo("get_status done");
        assertThat(calls.get(1).get("isError").asBoolean()).isTrue();
        assertThat(calls.get(1).get("structuredContent").get("outcome").asText())
                .isEqualTo("denied_role");
        assertThat(calls.get(2)
                        .get("structuredContent")
                        .get("data")
                        .get("passages")
                        .get(0)
                        .get("source")
                        .asText())
                .isEqualTo("faq/vpn.md");
        assertThat(fixture.restarts).hasValue(0);
        assertThat(fixture.mcpCalls())
                .extracting(a -> a.action() + ":" + a.args().get("outcome"))
                .containsExactlyInAnyOrder("get_status:ok", "restart_service:denied_role", "search_knowledge:ok");
    }

    @Test
    void should_get_the_approval_id_back_with_the_typescript_sdk_client() throws Exception {
        JsonNode report = drive(
                McpFixture.token("sam", List.of("sre"), List.of()),
                "[{\"name\":\"restart_service\",\"arguments\":{\"service\":\"payments\"}}]");

        JsonNode call = report.get("calls").get(0);
        assertThat(call.get("isError").asBoolean()).isFalse();
        assertThat(call.get("structuredContent").get("status").asText()).isEqualTo("pending_approval");
        assertThat(call.get("structuredContent").get("approval_id").asText()).isNotBlank();
        assertThat(fixture.restarts).hasValue(0);
    }

    @Test
    void should_be_refused_without_a_token() throws Exception {
        JsonNode report = drive("-", "[]");

        assertThat(report.get("connected").asBoolean()).isFalse();
        assertThat(report.get("error").get("message").asText()).containsAnyOf("401", "Unauthorized", "nauthorized");
    }
}
