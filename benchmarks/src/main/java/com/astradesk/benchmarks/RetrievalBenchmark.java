package com.astradesk.benchmarks;

import com.astradesk.core.knowledge.DocumentChunk;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.KnowledgeQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
 * Top-5 retrieval from the in-memory knowledge index (the embedded default) with the server's 384-d hashing
 * embedder; includes embedding the query.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RetrievalBenchmark {
    private static final String[] WORDS = ("vpn password reset account laptop printer network email outlook "
                    + "certificate expired token mfa phone wifi office access badge payroll invoice deploy "
                    + "rollback kubernetes pod crash latency database backup restore disk quota license")
            .split(" ");

    @Param({"1000", "10000"})
    public int chunks;

    private KnowledgeIndex index;
    private KnowledgeQuery query;

    @Setup
    public void setUp() {
        Embedder embedder = Embedder.hashing(384);
        index = KnowledgeIndex.inMemory(embedder);
        Random random = new Random(42);
        int perSource = 10;
        for (int s = 0; s < chunks / perSource; s++) {
            List<String> texts = new ArrayList<>();
            for (int c = 0; c < perSource; c++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 40; w++) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                texts.add(text.toString());
            }
            List<float[]> vectors = embedder.embedAll(texts);
            List<DocumentChunk> docs = new ArrayList<>();
            for (int c = 0; c < perSource; c++) {
                docs.add(new DocumentChunk("doc-" + s + ".md", c, texts.get(c), Set.of(), "sha-" + s, vectors.get(c)));
            }
            index.replace("doc-" + s + ".md", "sha-" + s, docs);
        }
        query = new KnowledgeQuery("How do I reset my VPN password?", Set.of(), 5, 0.0);
    }

    @Benchmark
    public List<KnowledgeChunk> top5() {
        return index.retrieve(query);
    }
}
