package com.astradesk.benchmarks;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.config.KnowledgeConfig;
import com.astradesk.server.knowledge.Embedders;
import com.astradesk.server.knowledge.QueryEmbeddingCache;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole in-process knowledge run of the support agent (plan finds no tool, retrieval, relevance check, extractive
 * answer, redaction, in-memory journal) over {@code docs/kb} embedded with the server's MiniLM model, the question's
 * vector cached as in the server: the agent's own CPU per knowledge run, without HTTP, auth and PostgreSQL. Run from
 * the repository root (or set {@code -p kb=<dir>}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KnowledgeRunBenchmark {
    @Param("docs/kb")
    public String kb;

    private Agent support;
    private Principal user;

    @Setup
    public void setUp() {
        Embedder model = Embedders.of(KnowledgeConfig.EmbeddingModel.MINILM);
        KnowledgeIndex index = KnowledgeIndex.inMemory(QueryEmbeddingCache.wrap(model, 100));
        DocumentIngestor.builder(index, model).build().ingest(Path.of(kb));
        DialogueStore dialogues = DialogueStore.inMemory();
        AuditLog audit = AuditLog.inMemory();
        RunJournal journal = RunJournal.inMemory(dialogues, audit, AuditPublisher.inProcess());
        support = Fixtures.agents(Fixtures.registry(), index, journal).stream()
                .filter(a -> a.name().equals("support"))
                .findFirst()
                .orElseThrow();
        user = Principal.of("bench-support", "support");
        AgentResult probe = vpnQuestion();
        if (probe.citations().isEmpty()) {
            throw new IllegalStateException("the knowledge run cited nothing: " + probe.output());
        }
    }

    @Benchmark
    public AgentResult vpnQuestion() {
        return support.run(AgentRequest.of("How do I reset my VPN password?"), user);
    }
}
