package com.astradesk.server.mcp;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.agent.StepResult;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ask_<agent>}: runs a reference agent as the caller, exactly as {@code POST /v1/agents/run} would (each
 * planned step passes the registry's chain with the caller's roles; the run is journaled). Offered over MCP only.
 * Its result data carries the run response's fields ({@code output}, {@code steps}, {@code citations}, {@code
 * cited_steps} for a run with steps, {@code degraded} and {@code degraded_reason}) under the same names. Thread-safe.
 */
final class AgentTool implements Tool {
    /** How long one agent run may take, planning model included. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Agent agent;
    private final ToolDescriptor descriptor;

    AgentTool(Agent agent) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.descriptor = ToolDescriptor.builder(nameOf(agent))
                .withDescription("Asks the AstraDesk '" + agent.name() + "' agent: " + agent.description()
                        + " It runs with the caller's roles and may call tools ("
                        + String.join(", ", agent.tools()) + ").")
                .withArgumentsSchema(Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of(
                                "input",
                                Map.of(
                                        "type",
                                        "string",
                                        "minLength",
                                        1,
                                        "maxLength",
                                        AgentRequest.MAX_INPUT_LENGTH,
                                        "description",
                                        "the request, in English or Polish")),
                        "required",
                        List.of("input"),
                        "additionalProperties",
                        false))
                .withSideEffect(SideEffect.READ)
                .withTimeout(TIMEOUT)
                .build();
    }

    /** The MCP tool name of an agent: {@code ask_<name>}. */
    static String nameOf(Agent agent) {
        return "ask_" + agent.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String input = ((String) call.arguments().get("input")).strip();
        AgentRequest request = new AgentRequest(
                input.isEmpty() ? "?" : input,
                Map.of("channel", "mcp"),
                call.requestId(),
                call.idempotencyKey(),
                Optional.empty());
        AgentResult result = agent.run(request, call.principal());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", result.runId());
        data.put("agent", result.agent());
        data.put("output", result.output());
        data.put("steps", result.steps().stream().map(AgentTool::step).toList());
        data.put(
                "citations",
                result.citations().stream()
                        .map(c -> Map.<String, Object>of("source", c.source(), "chunk", c.chunk(), "score", c.score()))
                        .toList());
        if (!result.steps().isEmpty()) {
            // as in the run response: only a tool run has it (the answer's [n] is steps[n - 1])
            data.put("cited_steps", result.citedSteps());
        }
        result.steps().stream()
                .map(StepResult::approvalId)
                .flatMap(Optional::stream)
                .findFirst()
                .ifPresent(id -> data.put("approval_id", id));
        data.put("degraded", result.degraded());
        if (result.degraded()) {
            data.put("degraded_reason", result.degradedReason().orElse("fallback used"));
        }
        return ToolResult.of(result.output(), data);
    }

    private static Map<String, Object> step(StepResult s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", s.tool());
        m.put("status", s.status().wireName());
        s.summary().ifPresent(v -> m.put("summary", v));
        s.approvalId().ifPresent(id -> m.put("approval_id", id));
        if (s.status() != CallStatus.OK && s.status() != CallStatus.PENDING_APPROVAL) {
            m.put(
                    "error",
                    s.error()
                            .or(() -> s.denial().map(d -> d.reason()))
                            .orElse(s.status().wireName()));
        }
        return m;
    }
}
