package com.astradesk.benchmarks;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.ToolRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** A whole in-process ops run (plan, policy, one tool, in-memory journal) without HTTP or auth. */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AgentRunBenchmark {
    private Agent ops;
    private Principal sre;

    @Setup
    public void setUp() {
        ToolRegistry registry = Fixtures.registry();
        DialogueStore dialogues = DialogueStore.inMemory();
        AuditLog audit = AuditLog.inMemory();
        RunJournal journal = RunJournal.inMemory(dialogues, audit, AuditPublisher.inProcess());
        ops = Fixtures.agents(registry, KnowledgeIndex.inMemory(Embedder.hashing(384)), journal).stream()
                .filter(a -> a.name().equals("ops"))
                .findFirst()
                .orElseThrow();
        sre = Principal.of("bench-sre", "sre");
    }

    @Benchmark
    public AgentResult opsMetricsRun() {
        return ops.run(AgentRequest.of("show metrics for payments-api"), sre);
    }
}
