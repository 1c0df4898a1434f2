package com.astradesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LLM planner sees an external MCP server's tools: {@code server-everything} over stdio offered to the
 * {@code support} agent only, the model behind a local OpenAI-compatible stub that records its prompts.
 */
class McpClientLlmPlannerIT {
    @TempDir
    Path home;

    private HttpServer model;
    private final List<String> prompts = new CopyOnWriteArrayList<>();
    private AstraDeskServer server;
    private HttpHarness http;

    @BeforeEach
    void start() throws IOException {
        model = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        model.createContext("/v1/chat/completions", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (request.matches("(?s).*\"stream\"\\s*:\\s*true.*")) {
                // the answer model writing the tool run's answer
                byte[] sse = ("data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Echoed [1].\"},\"finish_reason\":\"stop\"}]}\n\n"
                                + "data: [DONE]\n\n")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, sse.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(sse);
                }
                return;
            }
            prompts.add(request);
            String plan =
                    "{\"steps\":[{\"tool\":\"everything__echo\",\"arguments\":{\"message\":\"from the model\"}}]}";
            byte[] bytes = """
                    {"id":"chatcmpl-1","object":"chat.completion","created":1732600000,"model":"planner",\
                    "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],\
                    "usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}""".formatted(HttpHarness.quote(plan)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        model.start();
        Path file = Files.writeString(home.resolve("mcp-servers.yaml"), """
                startup_wait: 30s
                servers:
                  everything:
                    command: node
                    args: ["%s", "stdio"]
                    allowed_roles: [sre]
                    agents: [support]
                    tools:
                      echo:
                        allowed_roles: [it.support]
                """.formatted(EverythingServer.entryPoint()));
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("ASTRADESK_HOME", home.toString());
        env.put("WEATHER_URL", "none");
        env.put("EMBEDDING_MODEL", "hashing");
        env.put("KNOWLEDGE_DIR", home.resolve("kb").toString());
        env.put("MODEL_PROVIDER", "vllm");
        env.put("MODEL_NAME", "planner");
        env.put("MODEL_BASE_URL", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1");
        env.put("MODEL_MAX_RETRIES", "0");
        env.put("MCP_SERVERS_FILE", file.toString());
        server = ServerWiring.wire(AstraDeskConfig.fromEnv(env)).start();
        http = new HttpHarness(server);
    }

    @AfterEach
    void stop() {
        server.close();
        model.stop(0);
    }

    private String token(String sub, String role) {
        HttpResponse<String> minted =
                http.postJson("/dev/token", null, "{\"sub\":\"" + sub + "\",\"roles\":[\"" + role + "\"]}");
        return HttpHarness.json(minted).get("access_token").asText();
    }

    @Test
    void should_offer_the_external_tools_to_the_agents_the_file_names() {
        JsonNode agents = HttpHarness.json(http.get("/v1/agents", token("sue", "it.support")))
                .get("agents");
        Map<String, List<String>> tools = new HashMap<>();
        agents.forEach(a -> {
            List<String> names = new ArrayList<>();
            a.get("tools").forEach(t -> names.add(t.asText()));
            tools.put(a.get("name").asText(), names);
        });

        assertThat(tools.get("support")).contains("create_ticket", "everything__echo", "everything__get_sum");
        assertThat(tools.get("ops")).noneMatch(n -> n.startsWith("everything__"));
    }

    @Test
    void should_show_the_model_the_callers_external_tools_and_run_its_plan() {
        HttpResponse<String> response = http.postJson(
                "/v1/agents/run", token("sue", "it.support"), "{\"agent\":\"support\",\"input\":\"say something\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode step = HttpHarness.json(response).get("steps").get(0);
        assertThat(step.get("tool").asText()).isEqualTo("everything__echo");
        assertThat(step.get("status").asText()).isEqualTo("ok");
        assertThat(step.get("summary").asText()).isEqualTo("Echo: from the model");
        assertThat(prompts).isNotEmpty();
        // the prompt lists the tools this caller may use: echo (it.support), not get_sum (sre only)
        assertThat(prompts.get(0)).contains("everything__echo").doesNotContain("everything__get_sum");
    }
}
