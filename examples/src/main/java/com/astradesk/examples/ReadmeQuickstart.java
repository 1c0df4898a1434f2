package com.astradesk.examples;

// README:BEGIN
import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.agent.ReferenceAgents;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.tool.ToolRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The README's embedding snippet: both reference agents in process, with no infrastructure. */
public final class ReadmeQuickstart {
    public static void main(String[] args) {
        // astradesk-tools' built-in tools, found on the class path
        ToolRegistry tools = ToolRegistry.builder()
                .withTools(ToolProviders.discoveredTools(ToolProviderContext.empty()))
                .build();
        RunJournal journal =
                RunJournal.inMemory(DialogueStore.inMemory(), AuditLog.inMemory(), AuditPublisher.inProcess());
        KnowledgeIndex kb = KnowledgeIndex.inMemory(Embedder.hashing(384)); // or the local MiniLM model
        DocumentIngestor.builder(kb, Embedder.hashing(384))
                .build()
                .ingestDocument(
                        "vpn.md",
                        "# VPN password reset\n\nOpen https://id.example.com and choose Reset."
                                .getBytes(StandardCharsets.UTF_8),
                        Set.of());
        Planner planner = KeywordPlanner.builder()
                .withServiceCatalog(ServiceCatalog.defaults())
                .build();
        var deps = new ReferenceAgents.Dependencies(tools, planner, kb, journal);

        Agent support = ReferenceAgents.support(deps);
        AgentResult answer =
                support.run(AgentRequest.of("How do I reset my VPN password?"), Principal.of("alice", "it.support"));
        System.out.println(answer.output() + " " + answer.citations());

        Agent ops = ReferenceAgents.ops(deps);
        AgentResult restart = ops.run(AgentRequest.of("Restart payments-api"), Principal.of("bob", "sre"));
        System.out.println(restart.steps());
    }
}
// README:END
