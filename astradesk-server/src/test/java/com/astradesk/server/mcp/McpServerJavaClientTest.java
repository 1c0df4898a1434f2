package com.astradesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.server.HttpHarness;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /mcp} driven by the official MCP Java SDK's client over Streamable HTTP. */
class McpServerJavaClientTest {
    private McpFixture fixture;
    private final java.util.List<McpSyncClient> clients = new java.util.ArrayList<>();

    @BeforeEach
    void start() {
        fixture = new McpFixture();
    }

    @AfterEach
    void stop() {
        clients.forEach(McpSyncClient::closeGracefully);
        fixture.close();
    }

    private McpSyncClient client(String token) {
        McpSyncClient client = McpTestClients.bearer(fixture.url(), token, Duration.ofSeconds(20));
        clients.add(client);
        client.initialize();
        return client;
    }

    private static List<String> names(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void should_list_only_the_tools_the_caller_may_use_plus_knowledge_and_agent_tools() {
        // given
        McpSyncClient plain = client(McpFixture.token("ann", List.of(), List.of()));
        McpSyncClient sre = client(McpFixture.token("sam", List.of("sre"), List.of()));

        // when / then
        assertThat(names(plain))
                .containsExactlyInAnyOrder("get_status", "ping_once", "search_knowledge", "ask_ops")
                .doesNotContain("restart_service", "create_ticket");
        assertThat(names(sre)).contains("restart_service", "get_status", "search_knowledge", "ask_ops");
        assertThat(names(sre)).doesNotContain("create_ticket");
        assertThat(fixture.mcp.toolsFor(com.astradesk.core.policy.Principal.of("sam", "sre")))
                .isEqualTo(names(sre).stream().sorted().toList());
    }

    @Test
    void should_describe_side_effects_in_tool_annotations() {
        McpSyncClient sre = client(McpFixture.token("sam", List.of("sre"), List.of()));

        Map<String, McpSchema.Tool> tools = new java.util.HashMap<>();
        sre.listTools().tools().forEach(t -> tools.put(t.name(), t));

        assertThat(tools.get("get_status").annotations().readOnlyHint()).isTrue();
        assertThat(tools.get("restart_service").annotations().readOnlyHint()).isFalse();
        assertThat(tools.get("restart_service").annotations().destructiveHint()).isTrue();
        assertThat(tools.get("ask_ops").annotations().readOnlyHint()).isFalse();
        assertThat(tools.get("restart_service").inputSchema()).containsEntry("required", List.of("service"));
    }

    @Test
    void should_run_an_allowed_call_through_the_chain_and_audit_it_on_channel_mcp() {
        McpSyncClient client = client(McpFixture.token("ann", List.of(), List.of()));

        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("get_status", Map.of()));

        assertThat(result.isError()).isFalse();
        assertThat(text(result)).isEqualTo("get_status done");
        assertThat(structured(result)).containsEntry("status", "ok");
        assertThat(fixture.statusCalls).hasValue(1);
        assertThat(fixture.mcpCalls()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("get_status");
            assertThat(a.actor()).isEqualTo("ann");
            assertThat(a.decision()).isEqualTo(AuditDecision.ALLOWED);
            assertThat(a.args()).containsEntry("outcome", "ok");
        });
    }

    @Test
    void should_answer_a_denied_call_with_a_tool_error_and_not_run_it() {
        McpSyncClient client = client(McpFixture.token("ann", List.of(), List.of()));

        McpSchema.CallToolResult result =
                client.callTool(new McpSchema.CallToolRequest("restart_service", Map.of("service", "payments")));

        assertThat(result.isError()).isTrue();
        assertThat(structured(result))
                .containsEntry("status", "denied")
                .containsEntry("outcome", "denied_role")
                .containsEntry("required_roles", List.of("sre"));
        assertThat(text(result)).contains("sre").doesNotContain("Exception");
        assertThat(fixture.restarts).hasValue(0);
        assertThat(fixture.mcpCalls()).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo(AuditDecision.DENIED);
            assertThat(a.args()).containsEntry("outcome", "denied_role");
        });
    }

    @Test
    void should_answer_invalid_arguments_with_a_tool_error_naming_the_problem() {
        McpSyncClient client = client(McpFixture.token("sue", List.of("support"), List.of()));

        McpSchema.CallToolResult result =
                client.callTool(new McpSchema.CallToolRequest("create_ticket", Map.of("title", "x", "extra", 1)));

        assertThat(result.isError()).isTrue();
        assertThat(structured(result)).containsEntry("status", "error").containsEntry("outcome", "invalid_arguments");
        assertThat(text(result)).containsAnyOf("title", "extra");
        assertThat(fixture.tickets).hasValue(0);
        assertThat(fixture.mcpCalls())
                .singleElement()
                .satisfies(a -> assertThat(a.args()).containsEntry("outcome", "invalid_arguments"));
    }

    @Test
    void should_return_the_approval_id_when_the_call_needs_approval() {
        McpSyncClient client = client(McpFixture.token("sam", List.of("sre"), List.of()));

        McpSchema.CallToolResult result =
                client.callTool(new McpSchema.CallToolRequest("restart_service", Map.of("service", "payments")));

        assertThat(result.isError()).isFalse();
        assertThat(structured(result))
                .containsEntry("status", "pending_approval")
                .containsKey("approval_id");
        String approvalId = (String) structured(result).get("approval_id");
        assertThat(text(result)).contains(approvalId);
        assertThat(fixture.restarts).hasValue(0);
        // the approval is the ordinary one: visible at /v1/approvals/{id}
        HttpResponse<String> approval = new HttpHarness(fixture.server)
                .get("/v1/approvals/" + approvalId, McpFixture.token("ops-lead", List.of("approver"), List.of()));
        assertThat(approval.statusCode()).as(approval.body()).isEqualTo(200);
        assertThat(HttpHarness.json(approval).get("approval").get("tool").asText())
                .isEqualTo("restart_service");
    }

    @Test
    void should_apply_per_tool_rate_limits() {
        McpSyncClient client = client(McpFixture.token("ann", List.of(), List.of()));

        McpSchema.CallToolResult first = client.callTool(new McpSchema.CallToolRequest("ping_once", Map.of()));
        McpSchema.CallToolResult second = client.callTool(new McpSchema.CallToolRequest("ping_once", Map.of()));

        assertThat(first.isError()).isFalse();
        assertThat(second.isError()).isTrue();
        assertThat(structured(second)).containsEntry("status", "rate_limited").containsEntry("retry_after", 60);
        assertThat(fixture.mcpCalls())
                .extracting(a -> a.args().get("outcome"))
                .containsExactlyInAnyOrder("ok", "rate_limited");
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_search_knowledge_with_citations_filtered_by_the_callers_groups() {
        McpSyncClient outsider = client(McpFixture.token("ann", List.of(), List.of()));
        McpSyncClient member = client(McpFixture.token("sam", List.of(), List.of("sre-team")));
        var request =
                new McpSchema.CallToolRequest("search_knowledge", Map.of("query", "payments VPN gateway", "top_k", 5));

        McpSchema.CallToolResult outsiderResult = outsider.callTool(request);
        McpSchema.CallToolResult memberResult = member.callTool(request);

        List<Map<String, Object>> outsiderPassages = (List<Map<String, Object>>)
                ((Map<String, Object>) structured(outsiderResult).get("data")).get("passages");
        List<Map<String, Object>> memberPassages = (List<Map<String, Object>>)
                ((Map<String, Object>) structured(memberResult).get("data")).get("passages");
        assertThat(outsiderPassages).extracting(p -> p.get("source")).containsExactly("faq/vpn.md");
        assertThat(memberPassages).extracting(p -> p.get("source")).contains("runbooks/payments-vpn.md");
        assertThat(memberPassages.get(0)).containsKeys("source", "chunk", "score", "text");
        assertThat(fixture.mcpCalls()).extracting(AuditRecord::action).containsOnly("search_knowledge");
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_run_the_agent_as_the_caller() {
        McpSyncClient plain = client(McpFixture.token("ann", List.of(), List.of()));

        McpSchema.CallToolResult status =
                plain.callTool(new McpSchema.CallToolRequest("ask_ops", Map.of("input", "status please")));
        McpSchema.CallToolResult restart =
                plain.callTool(new McpSchema.CallToolRequest("ask_ops", Map.of("input", "restart payments")));

        assertThat(status.isError()).isFalse();
        Map<String, Object> statusData =
                (Map<String, Object>) structured(status).get("data");
        assertThat((List<Map<String, Object>>) statusData.get("steps"))
                .singleElement()
                .satisfies(
                        s -> assertThat(s).containsEntry("tool", "get_status").containsEntry("status", "ok"));
        Map<String, Object> restartData =
                (Map<String, Object>) structured(restart).get("data");
        assertThat((List<Map<String, Object>>) restartData.get("steps"))
                .singleElement()
                .satisfies(s ->
                        assertThat(s).containsEntry("tool", "restart_service").containsEntry("status", "denied"));
        assertThat(fixture.restarts).hasValue(0);
        assertThat(fixture.mcpCalls()).extracting(AuditRecord::action).containsOnly("ask_ops");
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_say_which_steps_the_agents_answer_states_as_the_run_response_does() {
        // given
        McpSyncClient sre = client(McpFixture.token("sam", List.of("sre"), List.of()));
        McpSyncClient plain = client(McpFixture.token("ann", List.of(), List.of()));

        // when: a step that ran, a step that was denied, and a knowledge answer
        McpSchema.CallToolResult status =
                sre.callTool(new McpSchema.CallToolRequest("ask_ops", Map.of("input", "status please")));
        McpSchema.CallToolResult denied =
                plain.callTool(new McpSchema.CallToolRequest("ask_ops", Map.of("input", "restart payments")));
        McpSchema.CallToolResult knowledge =
                plain.callTool(new McpSchema.CallToolRequest("ask_ops", Map.of("input", "how do I reset the VPN?")));

        // then: cited_steps as in POST /v1/agents/run (positions in steps), in structuredContent and the JSON text
        Map<String, Object> statusData =
                (Map<String, Object>) structured(status).get("data");
        assertThat((List<Object>) statusData.get("cited_steps")).containsExactly(0);
        assertThat(((McpSchema.TextContent) status.content().get(1)).text()).contains("\"cited_steps\":[0]");
        assertThat((List<Object>) ((Map<String, Object>) structured(denied).get("data")).get("cited_steps"))
                .isEmpty();
        assertThat((Map<String, Object>) structured(knowledge).get("data"))
                .containsKey("citations")
                .doesNotContainKey("cited_steps");
    }

    @Test
    void should_refuse_a_request_without_a_token_with_the_resource_metadata_challenge() {
        HttpHarness http = new HttpHarness(fixture.server);

        HttpResponse<String> response = http.postJson(
                "/mcp",
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer resource_metadata=\"" + fixture.url() + "/.well-known/oauth-protected-resource\"");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(HttpHarness.json(response).get("code").asText()).isEqualTo("missing_token");
    }

    @Test
    void should_refuse_a_bad_token_naming_the_error() {
        HttpHarness http = new HttpHarness(fixture.server);

        HttpResponse<String> response = http.postJson("/mcp", "not-a-jwt", "{}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v)
                        .contains("resource_metadata=\"" + fixture.url() + "/.well-known/oauth-protected-resource\"")
                        .contains("error=\"invalid_token\""));
        assertThat(response.body()).doesNotContain("not-a-jwt");
    }

    @Test
    void should_serve_the_protected_resource_metadata() {
        HttpHarness http = new HttpHarness(fixture.server);

        for (String path :
                List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp")) {
            HttpResponse<String> response = http.get(path, null);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode doc = HttpHarness.json(response);
            assertThat(doc.get("resource").asText()).isEqualTo(fixture.url() + "/mcp");
            assertThat(doc.get("authorization_servers").get(0).asText()).isEqualTo("https://id.example.com/realms/it");
            assertThat(doc.get("bearer_methods_supported").get(0).asText()).isEqualTo("header");
        }
    }
}
