package com.astradesk.server.wiring;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentBuilder;
import com.astradesk.core.agent.ReferenceAgents;
import com.astradesk.core.knowledge.Retriever;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.server.config.KnowledgeConfig;
import com.astradesk.server.http.RunAdmission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The one place where the server's agents are built: the reference {@code support} and {@code ops} agents over
 * the planner {@link PlannerWiring} chose, a retriever over the knowledge index, and the run journal (approvals are the registry's stage).
 */
final class AgentWiring {
    /** The last turns of a conversation each planner receives. */
    static final int HISTORY_TURNS = 6;

    private AgentWiring() {}

    /**
     * Both reference agents with the given planner and retriever, retrieving {@code knowledge.topK()} chunks
     * scoring at least {@code knowledge.minScore()}; each may also plan the external MCP tools {@code extraTools}
     * gives for its name. {@code agentTools} is what each agent offers ({@link
     * com.astradesk.core.spi.ToolProviders#agentTools(List, com.astradesk.core.spi.ToolProviderContext)}, without the
     * tools the deployment turned off).
     *
     * {@code admission} is the server's: each agent's journal frees the caller's run slot before it waits for the
     * commit. {@code redactor} redacts what the agents store (the server's, with its allowed role mailboxes).
     *
     * @throws IllegalStateException when one of their tools is not registered
     */
    static List<Agent> referenceAgents(
            ToolRegistry registry,
            Map<String, List<String>> agentTools,
            StatePorts ports,
            Planner planner,
            Retriever retriever,
            KnowledgeConfig knowledge,
            Function<String, List<String>> extraTools,
            Optional<ModelGateway> answerModel,
            RunAdmission admission,
            Redactor redactor) {
        // a run frees its execution slot while it waits for the journal's group commit
        var deps = new ReferenceAgents.Dependencies(
                registry, planner, retriever, admission.releasingBeforeRecord(ports.journal()), agentTools);
        AgentBuilder support = ReferenceAgents.supportBuilder(deps)
                .withTools(plus(deps.toolsOf(ReferenceAgents.SUPPORT), extraTools.apply(ReferenceAgents.SUPPORT)))
                .withKnowledge(knowledge.topK(), knowledge.minScore())
                .withConversations(ports.dialogues(), HISTORY_TURNS)
                .withRedactor(redactor);
        AgentBuilder ops = ReferenceAgents.opsBuilder(deps)
                .withTools(plus(deps.toolsOf(ReferenceAgents.OPS), extraTools.apply(ReferenceAgents.OPS)))
                .withKnowledge(knowledge.topK(), knowledge.minScore())
                .withConversations(ports.dialogues(), HISTORY_TURNS)
                .withRedactor(redactor);
        // with a model configured, the model writes the answers from the run's facts (extractive as fallback)
        answerModel.ifPresent(model -> {
            support.withAnswerModel(model);
            ops.withAnswerModel(model);
        });
        return List.of(support.build(), ops.build());
    }

    private static List<String> plus(List<String> preset, List<String> extra) {
        return Stream.concat(preset.stream(), extra.stream()).distinct().toList();
    }
}
