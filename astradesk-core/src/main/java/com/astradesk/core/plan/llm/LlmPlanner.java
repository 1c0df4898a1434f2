package com.astradesk.core.plan.llm;

import com.astradesk.core.json.JsonSchemas;
import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatParameters;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.CircuitOpenException;
import com.astradesk.core.model.GuardrailViolationException;
import com.astradesk.core.model.InvalidConversationException;
import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.ModelTimeoutException;
import com.astradesk.core.model.ProviderOverloadedException;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningException;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans with a language model through the {@link ModelGateway}. The prompt lists only the tools the caller may
 * use (name, description, argument schema) and few-shot examples about those tools only ({@link PlanExample}); the
 * conversation's earlier turns ({@link PlanningRequest#history()}) come before the request, each with its plan; the answer must be JSON valid against the plan schema, naming only
 * those tools with arguments valid against each tool's schema. An invalid answer gets one repair attempt (the
 * errors are sent back); after that, or when the model is unavailable, planning fails with a
 * {@link PlanningException} whose message is a short reason — with a fallback configured
 * ({@link Builder#withFallback}) the fallback plans instead and the plan is marked
 * {@linkplain Plan#degraded(String) degraded} with that reason. Thread-safe.
 *
 * <pre>{@code
 * Planner planner = LlmPlanner.builder().withGateway(gateway).withFallback(keywordPlanner).build();
 * }</pre>
 */
public final class LlmPlanner implements Planner {
    private static final Logger LOG = LoggerFactory.getLogger(LlmPlanner.class);
    private static final int SCHEMA_CACHE_LIMIT = 256;

    private final ModelGateway gateway;
    private final int maxSteps;
    private final ChatParameters parameters;
    private final List<PlanExample> examples;
    private final Map<Map<String, Object>, JsonSchemas.Compiled> schemas = new ConcurrentHashMap<>();

    private LlmPlanner(ModelGateway gateway, int maxSteps, ChatParameters parameters, List<PlanExample> examples) {
        this.gateway = gateway;
        this.maxSteps = maxSteps;
        this.parameters = parameters;
        this.examples = examples;
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Plans one input with the model.
     *
     * @throws PlanningException with a short reason (e.g. {@code model unavailable (circuit open)}) when the
     *     model cannot be reached or its plan stays invalid after one repair
     */
    @Override
    public Plan plan(PlanningRequest request) {
        List<ToolDescriptor> tools = request.available();
        if (tools.isEmpty()) {
            return Plan.empty();
        }
        Map<String, Object> schema = PlanPrompt.schema(tools, maxSteps);
        ChatMessage system = PlanPrompt.system(tools, maxSteps, request.language(), examples);
        ChatMessage user = ChatMessage.user(request.input());
        List<ChatMessage> history = PlanPrompt.history(request.history());

        Attempt first = ask(conversation(system, history, user), schema, tools);
        if (first.plan().isPresent()) {
            return first.plan().get();
        }
        LOG.debug(
                "model plan invalid ({} errors); asking for one repair",
                first.errors().size());
        String repair = PlanPrompt.repair(first.errors());
        List<ChatMessage> repairConversation = first.content().isBlank()
                ? conversation(system, history, ChatMessage.user(request.input() + "\n\n" + repair))
                : conversation(system, history, user, ChatMessage.assistant(first.content()), ChatMessage.user(repair));
        Attempt second = ask(repairConversation, schema, tools);
        if (second.plan().isPresent()) {
            return second.plan().get();
        }
        throw new PlanningException("model plan invalid after repair");
    }

    private static List<ChatMessage> conversation(ChatMessage system, List<ChatMessage> history, ChatMessage... then) {
        var messages = new java.util.ArrayList<ChatMessage>(history.size() + then.length + 1);
        messages.add(system);
        messages.addAll(history);
        messages.addAll(List.of(then));
        return messages;
    }

    private record Attempt(Optional<Plan> plan, List<String> errors, String content) {}

    private Attempt ask(List<ChatMessage> messages, Map<String, Object> schema, List<ToolDescriptor> tools) {
        ChatResponse response;
        try {
            response = gateway.chat(new ChatRequest(messages, parameters, Optional.of(schema)));
        } catch (GuardrailViolationException e) {
            if (e.isInput()) {
                throw new PlanningException("model input refused (" + e.rule() + ")", e);
            }
            return new Attempt(Optional.empty(), List.of(e.getMessage()), "");
        } catch (ModelException e) {
            throw new PlanningException(reason(e), e);
        } catch (RuntimeException e) {
            throw new PlanningException("model call failed", e);
        }
        var parsed = PlanParser.parse(response.content(), schema, tools, this::compiled);
        return new Attempt(parsed.plan(), parsed.errors(), response.content());
    }

    private JsonSchemas.Compiled compiled(Map<String, Object> schema) {
        if (schemas.size() >= SCHEMA_CACHE_LIMIT) {
            schemas.clear();
        }
        return schemas.computeIfAbsent(schema, JsonSchemas::compile);
    }

    static String reason(ModelException e) {
        if (e instanceof CircuitOpenException) {
            return "model unavailable (circuit open)";
        }
        if (e instanceof ModelTimeoutException) {
            return "model timed out";
        }
        if (e instanceof ProviderOverloadedException) {
            return "model overloaded";
        }
        if (e instanceof InvalidConversationException) {
            return "model request invalid";
        }
        if (e instanceof GuardrailViolationException g) {
            return "model " + (g.isInput() ? "input" : "output") + " refused (" + g.rule() + ")";
        }
        return "model unavailable";
    }

    /** Builder of an LLM planner, optionally composed with a fallback. Not thread-safe. */
    public static final class Builder {
        private Optional<ModelGateway> gateway;
        private Planner fallback;
        private int maxSteps = 3;
        private ChatParameters parameters = new ChatParameters(Optional.of(0.0), Optional.empty(), Optional.of(512));
        private List<PlanExample> examples;

        private Builder() {}

        /** The gateway to plan with. */
        public Builder withGateway(ModelGateway gateway) {
            this.gateway = Optional.of(Objects.requireNonNull(gateway, "gateway"));
            return this;
        }

        /**
         * The gateway, if a model is configured. Without one, {@link #build()} returns the fallback as it is
         * (plans are not marked degraded: running without a model is a configuration, not a failure).
         */
        public Builder withOptionalGateway(Optional<ModelGateway> gateway) {
            this.gateway = Objects.requireNonNull(gateway, "gateway");
            return this;
        }

        /** The planner to use, marking its plans degraded, when the model fails or its plan stays invalid. */
        public Builder withFallback(Planner fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /** Maximum steps in one plan (1..10, default 3). */
        public Builder withMaxSteps(int maxSteps) {
            if (maxSteps < 1 || maxSteps > 10) {
                throw new IllegalArgumentException("maxSteps must be within 1..10, was " + maxSteps);
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /** Sampling parameters for planning calls (default: temperature 0, 512 tokens). */
        public Builder withParameters(ChatParameters parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        /**
         * Few-shot examples for the prompt; default {@link PlanExample#defaults()} (drawn from the keyword rule
         * table). Each prompt shows only those about tools the caller may use; an empty list shows none.
         */
        public Builder withExamples(List<PlanExample> examples) {
            this.examples = List.copyOf(Objects.requireNonNull(examples, "examples"));
            return this;
        }

        /**
         * Builds the planner: the LLM planner, wrapped in a {@link FallbackPlanner} when a fallback is set.
         *
         * @throws IllegalStateException when neither a gateway nor a fallback is set, or no gateway was given
         */
        public Planner build() {
            if (gateway == null) {
                throw new IllegalStateException("gateway: call withGateway(...) or withOptionalGateway(...)");
            }
            if (gateway.isEmpty()) {
                if (fallback == null) {
                    throw new IllegalStateException("no model gateway and no fallback planner");
                }
                return fallback;
            }
            var llm = new LlmPlanner(
                    gateway.get(), maxSteps, parameters, examples == null ? PlanExample.defaults() : examples);
            return fallback == null ? llm : FallbackPlanner.of(llm, fallback);
        }
    }
}
