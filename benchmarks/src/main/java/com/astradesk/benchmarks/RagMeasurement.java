package com.astradesk.benchmarks;

import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.model.embedding.LocalEmbedder;
import com.pgvector.PGvector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Measurements that need the local embedder (all-MiniLM-L6-v2, quantized, 384-d):
 *
 * <ul>
 *   <li>{@code ingest <kbDir> <rounds>}: ingestion throughput (chunk, embed, index) of a Markdown knowledge base
 *       into the in-memory index, in chunks/s;
 *   <li>{@code pgvector <jdbcUrl> <embedSeconds> <maxChunks> [rows]}: real text (Debian changelog entries,
 *       deduplicated) embedded for at most {@code embedSeconds}, loaded into pgvector with an HNSW index; top-5
 *       latency (p50/p99) and recall@5 against an exact scan, at {@code hnsw.ef_search} 40 and 100. With
 *       {@code rows} larger than what was embedded, the table is filled up to {@code rows} with perturbed copies
 *       of the real embeddings (each dimension plus Gaussian noise, σ = 0.02, renormalized): the same cluster
 *       structure as the real data, at scale, but not real text; the output says so. Embeddings are cached in
 *       the file named by {@code RAG_VECTORS_CACHE}, when set.
 * </ul>
 */
public final class RagMeasurement {
    private static final int QUERIES = 200;

    private RagMeasurement() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("ingest")) {
            ingest(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length >= 4 && args[0].equals("pgvector")) {
            pgvector(
                    args[1],
                    Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]),
                    args.length > 4 ? Integer.parseInt(args[4]) : 0);
        } else {
            System.err.println(
                    "usage: RagMeasurement ingest <kbDir> <rounds> | pgvector <jdbcUrl> <embedSeconds> <maxChunks>");
            System.exit(2);
        }
    }

    private static void ingest(Path kb, int rounds) {
        LocalEmbedder embedder = LocalEmbedder.create().warmUp();
        long chunks = 0;
        long started = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            KnowledgeIndex index = KnowledgeIndex.inMemory(embedder);
            DocumentIngestor.builder(index, embedder).build().ingest(kb);
            chunks += index.size();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("INGEST chunks=%d seconds=%.1f chunks_per_s=%.1f%n", chunks, seconds, chunks / seconds);
    }

    private static void pgvector(String url, int embedSeconds, int maxChunks, int rows) throws Exception {
        String cache = System.getenv("RAG_VECTORS_CACHE");
        List<float[]> vectors = new ArrayList<>();
        if (cache != null && Files.exists(Path.of(cache))) {
            vectors.addAll(readVectors(Path.of(cache)));
            System.out.printf("EMBED texts=%d (cached in %s)%n", vectors.size(), cache);
        } else {
            List<String> texts = changelogChunks(maxChunks + QUERIES);
            LocalEmbedder embedder = LocalEmbedder.create().warmUp();
            long deadline = System.nanoTime() + embedSeconds * 1_000_000_000L;
            long started = System.nanoTime();
            for (int i = 0; i < texts.size() && System.nanoTime() < deadline; i += 64) {
                vectors.addAll(embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + 64))));
            }
            double embedS = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "EMBED texts=%d seconds=%.1f per_s=%.1f%n", vectors.size(), embedS, vectors.size() / embedS);
            if (cache != null) {
                writeVectors(Path.of(cache), vectors);
            }
        }
        int real = vectors.size() - QUERIES;
        java.util.Random random = new java.util.Random(7);
        while (vectors.size() - QUERIES < rows) {
            float[] base = vectors.get(QUERIES + random.nextInt(real));
            float[] v = new float[base.length];
            double norm = 0;
            for (int d = 0; d < v.length; d++) {
                v[d] = base[d] + (float) (random.nextGaussian() * 0.02);
                norm += v[d] * v[d];
            }
            for (int d = 0; d < v.length; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
            vectors.add(v);
        }
        int n = vectors.size() - QUERIES;
        System.out.printf("ROWS total=%d real_text=%d perturbed_copies=%d%n", n, real, n - real);
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                // a cached generic plan would ignore the per-query settings below (enable_indexscan, ef_search)
                s.execute("SET plan_cache_mode = force_custom_plan");
                s.execute("CREATE EXTENSION IF NOT EXISTS vector");
                s.execute("DROP TABLE IF EXISTS rag_bench");
                s.execute("CREATE TABLE rag_bench (id int PRIMARY KEY, embedding vector(384) NOT NULL)");
            }
            PGvector.addVectorType(c);
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO rag_bench VALUES (?, ?)")) {
                for (int i = 0; i < n; i++) {
                    ins.setInt(1, i);
                    ins.setObject(2, new PGvector(vectors.get(QUERIES + i)));
                    ins.addBatch();
                    if (i % 1000 == 999) {
                        ins.executeBatch();
                    }
                }
                ins.executeBatch();
            }
            c.commit();
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("SET maintenance_work_mem = '512MB'");
                s.execute("CREATE INDEX ON rag_bench USING hnsw (embedding vector_cosine_ops)");
                s.execute("ANALYZE rag_bench");
            }
            c.commit();
            System.out.printf("INDEX rows=%d hnsw_build_s=%.1f%n", n, (System.nanoTime() - t0) / 1e9);
            List<Set<Integer>> exact = new ArrayList<>();
            double[] exactMs = query(c, vectors, "SET LOCAL enable_indexscan = off", exact);
            System.out.printf("EXACT rows=%d p50_ms=%.2f p99_ms=%.2f%n", n, pct(exactMs, 50), pct(exactMs, 99));
            for (int ef : new int[] {40, 100}) {
                List<Set<Integer>> approx = new ArrayList<>();
                double[] ms = query(c, vectors, "SET LOCAL hnsw.ef_search = " + ef, approx);
                double recall = 0;
                for (int q = 0; q < QUERIES; q++) {
                    Set<Integer> hit = new HashSet<>(approx.get(q));
                    hit.retainAll(exact.get(q));
                    recall += hit.size() / 5.0;
                }
                System.out.printf(
                        "HNSW rows=%d ef_search=%d p50_ms=%.2f p99_ms=%.2f recall_at_5=%.3f%n",
                        n, ef, pct(ms, 50), pct(ms, 99), recall / QUERIES);
            }
        }
    }

    private static double[] query(Connection c, List<float[]> vectors, String setting, List<Set<Integer>> out)
            throws SQLException {
        double[] ms = new double[QUERIES];
        try (PreparedStatement q = c.prepareStatement("SELECT id FROM rag_bench ORDER BY embedding <=> ? LIMIT 5")) {
            for (int round = 0; round < 2; round++) { // round 0 warms caches, round 1 is measured
                out.clear();
                for (int i = 0; i < QUERIES; i++) {
                    try (Statement s = c.createStatement()) {
                        s.execute(setting);
                    }
                    long t = System.nanoTime();
                    q.setObject(1, new PGvector(vectors.get(i)));
                    Set<Integer> ids = new LinkedHashSet<>();
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getInt(1));
                        }
                    }
                    ms[i] = (System.nanoTime() - t) / 1e6;
                    out.add(ids);
                    c.commit();
                }
            }
        }
        return ms;
    }

    private static void writeVectors(Path file, List<float[]> vectors) throws IOException {
        try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(vectors.size());
            out.writeInt(vectors.get(0).length);
            for (float[] v : vectors) {
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }
    }

    private static List<float[]> readVectors(Path file) throws IOException {
        try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            int dim = in.readInt();
            List<float[]> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                float[] v = new float[dim];
                for (int d = 0; d < dim; d++) {
                    v[d] = in.readFloat();
                }
                out.add(v);
            }
            return out;
        }
    }

    private static double pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Changelog bullet points of the installed Debian packages, deduplicated, joined into ~300-char chunks. */
    static List<String> changelogChunks(int max) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("/usr/share/doc"))) {
            files = walk.filter(p -> p.getFileName().toString().startsWith("changelog")
                            && p.toString().endsWith(".gz"))
                    .sorted()
                    .toList();
        }
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        for (Path f : files) {
            try (var in = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && chunks.size() < max) {
                    String t = line.trim();
                    if (t.length() < 30 || !lines.add(t)) {
                        continue;
                    }
                    chunk.append(t.startsWith("* ") || t.startsWith("- ") ? t.substring(2) : t)
                            .append(' ');
                    if (chunk.length() >= 300) {
                        chunks.add(chunk.toString());
                        chunk.setLength(0);
                    }
                }
            } catch (IOException e) {
                // an unreadable changelog is skipped
            }
            if (chunks.size() >= max) {
                break;
            }
        }
        return chunks;
    }
}
