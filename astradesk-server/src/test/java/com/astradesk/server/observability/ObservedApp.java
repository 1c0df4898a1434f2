package com.astradesk.server.observability;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.TokenUsage;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.model.ModelConfig;
import com.astradesk.model.ModelGateways;
import com.astradesk.model.provider.ChatProvider;
import com.astradesk.model.provider.TokenSink;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.tools.support.internal.HttpJson;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server whose ops agent plans with a (fake) model through the real gateway, runs {@code get_status} against a
 * loopback HTTP backend through the tools' {@link HttpJson}, and answers from knowledge otherwise. Components use
 * the default {@link com.astradesk.core.telemetry.Telemetry#global()}, as the server's wiring leaves them.
 */
final class ObservedApp implements AutoCloseable {
    final DevIssuer issuer = DevIssuer.ephemeral();
    final AuditLog auditLog = AuditLog.inMemory();
    final List<String> backendTraceparents = new CopyOnWriteArrayList<>();
    final AstraDeskServer server;
    private final HttpServer backend;

    ObservedApp(ServerTelemetry telemetry) throws IOException {
        com.astradesk.core.telemetry.Telemetry.installGlobal(telemetry); // as ServerWiring does
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/status", exchange -> {
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            backendTraceparents.add(traceparent == null ? "" : traceparent);
            byte[] body = "{\"status\":\"up\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
        URI statusUri = URI.create("http://127.0.0.1:" + backend.getAddress().getPort() + "/status");
        HttpJson http = new HttpJson("get_status", "status backend", Duration.ofSeconds(5), Optional.empty());

        ToolRegistry registry = ToolRegistry.builder()
                .withAuditSink(record -> auditLog.append(List.of(record)))
                .withTool(tool(
                        ToolDescriptor.builder("get_status")
                                .withDescription("Read a service's status")
                                .build(),
                        call -> ToolResult.of(
                                "status",
                                Map.of(
                                        "status",
                                        http.get(statusUri).get("status").asText()))))
                .withTool(tool(
                        ToolDescriptor.builder("restart_service")
                                .withDescription("Restart a service")
                                .withSideEffect(SideEffect.EXECUTE)
                                .withAllowedRoles("sre")
                                .build(),
                        call -> ToolResult.of("restarted", Map.of())))
                .build();
        ModelGateway gateway = ModelGateways.builder(ModelConfig.fromEnv(Map.of(
                                "MODEL_PROVIDER", "vllm",
                                "MODEL_BASE_URL", "http://127.0.0.1:9/v1",
                                "MODEL_NAME", "fake-model"))
                        .orElseThrow())
                .withProvider(new FakeProvider())
                .build();
        RunJournal journal = RunJournal.inMemory(DialogueStore.inMemory(), auditLog, AuditPublisher.inProcess());
        Agent ops = Agent.builder("ops")
                .withDescription("observed ops agent")
                .withPlanner(request -> {
                    gateway.chat(ChatRequest.of(List.of(ChatMessage.user(request.input()))));
                    String in = request.input().toLowerCase(Locale.ROOT);
                    if (in.startsWith("restart")) {
                        return Plan.of(List.of(new PlanStep("restart_service", Map.of())));
                    }
                    return in.contains("status")
                            ? Plan.of(List.of(new PlanStep("get_status", Map.of())))
                            : Plan.empty();
                })
                .withToolRegistry(registry)
                .withTools(List.of("get_status", "restart_service"))
                .withRetriever(query ->
                        List.of(new KnowledgeChunk("runbook.md", 1, "During an outage, check the dashboard.", 0.9)))
                .withRunJournal(journal)
                .build();
        server = AstraDeskServer.builder()
                .withTelemetry(telemetry)
                .withAgents(List.of(ops))
                .withToolRegistry(registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(issuer))
                .build()
                .start();
    }

    String token(String... roles) {
        return issuer.mint("alice", List.of(roles), List.of(), Duration.ofMinutes(5));
    }

    @Override
    public void close() {
        server.close();
        backend.stop(0);
    }

    private static Tool tool(ToolDescriptor descriptor, java.util.function.Function<ToolCall, ToolResult> body) {
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ToolResult call(ToolCall call) {
                return body.apply(call);
            }
        };
    }

    /** Answers every chat with a fixed text and 12 input / 3 output tokens. */
    static final class FakeProvider implements ChatProvider {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String model() {
            return "fake-model";
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return new ChatResponse("{\"steps\":[]}", new TokenUsage(12, 3), name(), model());
        }

        @Override
        public ChatResponse doStream(ChatRequest request, TokenSink sink) {
            return doChat(request);
        }
    }
}
