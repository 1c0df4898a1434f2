package com.astradesk.examples;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.plan.llm.LlmPlanner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.model.ModelGateways;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points the model gateway at any OpenAI-compatible endpoint (vLLM, Ollama's {@code /v1}, OpenAI) and plans and
 * answers one prompt.
 *
 * <pre>
 * MODEL_PROVIDER=vllm MODEL_BASE_URL=http://localhost:11434/v1 MODEL_NAME=llama3.1 \
 *   java ... com.astradesk.examples.OpenAiCompatibleExample "show webapp metrics for the last hour"
 * </pre>
 *
 * Settings: {@code MODEL_PROVIDER} ({@code openai}, {@code vllm}, {@code ollama}), {@code MODEL_BASE_URL},
 * {@code MODEL_NAME}, {@code OPENAI_API_KEY}. Without {@code MODEL_PROVIDER} it explains what to set and exits 0.
 */
public final class OpenAiCompatibleExample {
    private static final List<ToolDescriptor> TOOLS = List.of(
            ToolDescriptor.builder("get_metrics")
                    .withDescription("Reads latency, error rate and throughput of a service")
                    .withArgumentsSchema(Map.of(
                            "type", "object",
                            "required", List.of("service"),
                            "properties",
                                    Map.of(
                                            "service",
                                                    Map.of("type", "string", "enum", List.of("webapp", "payments-api")),
                                            "window", Map.of("type", "string", "pattern", "^\\d+[smhd]$"))))
                    .build(),
            ToolDescriptor.builder("restart_service")
                    .withDescription("Restarts a service")
                    .withSideEffect(SideEffect.EXECUTE)
                    .withAllowedRoles("sre")
                    .withArgumentsSchema(Map.of(
                            "type", "object",
                            "required", List.of("service"),
                            "properties", Map.of("service", Map.of("type", "string"))))
                    .build());

    private OpenAiCompatibleExample() {}

    public static void main(String[] args) {
        String prompt = args.length > 0 ? String.join(" ", args) : "Show me the webapp metrics for the last hour";
        Optional<ModelGateway> gateway;
        try {
            gateway = ModelGateways.fromEnv(System.getenv());
        } catch (AstraDeskException e) {
            System.err.println("Model configuration is invalid: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (gateway.isEmpty()) {
            System.out.println("No model configured: set MODEL_PROVIDER (openai, vllm or ollama), MODEL_BASE_URL,"
                    + " MODEL_NAME and, for OpenAI, OPENAI_API_KEY. Example for a local Ollama:\n"
                    + "  MODEL_PROVIDER=vllm MODEL_BASE_URL=http://localhost:11434/v1 MODEL_NAME=llama3.1");
            return;
        }
        ModelGateway model = gateway.get();
        Planner noTools = request -> Plan.empty();
        Planner planner =
                LlmPlanner.builder().withGateway(model).withFallback(noTools).build();

        Plan plan = planner.plan(new PlanningRequest(prompt, Principal.of("example-user", "sre"), TOOLS, null));
        System.out.println("Plan: " + (plan.steps().isEmpty() ? "no tool steps" : plan.steps()));
        plan.clarification().ifPresent(q -> System.out.println("Question for the user: " + q));
        plan.degradedReason().ifPresent(r -> System.out.println("Planning degraded: " + r));

        try {
            System.out.print("Answer: ");
            ChatResponse answer = model.stream(
                    ChatRequest.of(List.of(
                            ChatMessage.system("You are a concise IT support assistant."), ChatMessage.user(prompt))),
                    token -> {
                        System.out.print(token);
                        System.out.flush();
                    });
            System.out.printf(
                    "%n(%s/%s, %d tokens in, %d out)%n",
                    answer.provider(),
                    answer.model(),
                    answer.usage().inputTokens(),
                    answer.usage().outputTokens());
        } catch (ModelException e) {
            System.out.println();
            System.err.println("The model could not answer: " + e.getMessage());
            System.exit(1);
        }
    }
}
