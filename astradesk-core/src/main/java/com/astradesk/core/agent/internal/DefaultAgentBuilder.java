package com.astradesk.core.agent.internal;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentBuilder;
import com.astradesk.core.knowledge.Retriever;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.tool.ToolRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Stock {@link AgentBuilder}. Not thread-safe. */
public final class DefaultAgentBuilder implements AgentBuilder {
    private final String name;
    private String description = "";
    private Planner planner;
    private ToolRegistry registry;
    private List<String> tools = List.of();
    private Retriever retriever = query -> List.of();
    private RunJournal journal;
    private int topK = 5;
    private double minScore = 0.3;
    private Clock clock = Clock.systemUTC();
    private Redactor redactor = Redactor.standard();
    private Telemetry telemetry = Telemetry.global();
    private java.util.Optional<DialogueStore> dialogues = java.util.Optional.empty();
    private int historyTurns = DEFAULT_HISTORY_TURNS;
    private java.util.Optional<com.astradesk.core.model.ModelGateway> answerModel = java.util.Optional.empty();

    /** Turns of a conversation passed to the planner by default. */
    public static final int DEFAULT_HISTORY_TURNS = 6;

    public DefaultAgentBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
        if (!name.matches("^[a-z][a-z0-9_-]{0,63}$")) {
            throw new IllegalArgumentException("agent name must match ^[a-z][a-z0-9_-]{0,63}$, was '" + name + "'");
        }
    }

    @Override
    public AgentBuilder withDescription(String description) {
        this.description = Objects.requireNonNull(description, "description");
        return this;
    }

    @Override
    public AgentBuilder withPlanner(Planner planner) {
        this.planner = Objects.requireNonNull(planner, "planner");
        return this;
    }

    @Override
    public AgentBuilder withToolRegistry(ToolRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    @Override
    public AgentBuilder withTools(List<String> toolNames) {
        this.tools = List.copyOf(Objects.requireNonNull(toolNames, "toolNames"));
        return this;
    }

    @Override
    public AgentBuilder withRetriever(Retriever retriever) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        return this;
    }

    @Override
    public AgentBuilder withRunJournal(RunJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
        return this;
    }

    @Override
    public AgentBuilder withKnowledge(int topK, double minScore) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, was " + topK);
        }
        this.topK = topK;
        this.minScore = minScore;
        return this;
    }

    @Override
    public AgentBuilder withTelemetry(Telemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        return this;
    }

    @Override
    public AgentBuilder withRedactor(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        return this;
    }

    @Override
    public AgentBuilder withConversations(DialogueStore dialogues, int historyTurns) {
        if (historyTurns < 1 || historyTurns > 50) {
            throw new IllegalArgumentException("historyTurns must be within 1..50, was " + historyTurns);
        }
        this.dialogues = java.util.Optional.of(Objects.requireNonNull(dialogues, "dialogues"));
        this.historyTurns = historyTurns;
        return this;
    }

    @Override
    public AgentBuilder withAnswerModel(com.astradesk.core.model.ModelGateway gateway) {
        this.answerModel = java.util.Optional.of(Objects.requireNonNull(gateway, "gateway"));
        return this;
    }

    @Override
    public AgentBuilder withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    @Override
    public Agent build() {
        if (planner == null) {
            throw new IllegalStateException("agent '" + name + "': planner is required");
        }
        if (registry == null) {
            throw new IllegalStateException("agent '" + name + "': toolRegistry is required");
        }
        if (journal == null) {
            throw new IllegalStateException("agent '" + name + "': runJournal is required");
        }
        for (String tool : tools) {
            if (registry.find(tool).isEmpty()) {
                throw new IllegalStateException("agent '" + name + "': tool '" + tool + "' is not registered");
            }
        }
        return new DefaultAgent(
                name,
                description,
                planner,
                registry,
                tools,
                retriever,
                journal,
                topK,
                minScore,
                clock,
                redactor,
                telemetry,
                dialogues,
                historyTurns,
                answerModel);
    }
}
