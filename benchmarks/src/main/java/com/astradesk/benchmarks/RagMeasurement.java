package com.astradesk.benchmarks;

import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.model.embedding.LocalEmbedder;
import com.pgvector.PGvector;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measurements that need the local embedder (all-MiniLM-L6-v2, quantized, 384-d):
 *
 * <ul>
 *   <li>{@code ingest <kbDir> <rounds>}: ingestion throughput (chunk, embed, index) of a Markdown knowledge base
 *       into the in-memory index, in chunks/s;
 *   <li>{@code corpus}: what {@link RagCorpus} finds on this machine, per source, with samples;
 *   <li>{@code pgvector <jdbcUrl> <embedSeconds> <rows> [efSearch,...]}: {@code rows + 200} distinct real-text
 *       chunks ({@link RagCorpus}), embedded (for at most {@code embedSeconds} per run; with {@code
 *       RAG_VECTORS_CACHE} set the vectors are kept in that file and a rerun resumes); the first 200 are the queries
 *       (not in the table), the rest are loaded into pgvector with an HNSW index ({@code m=16, ef_construction=64},
 *       cosine). Prints the build time, one query's embedding time, and top-5 latency (p50/p99, embedding
 *       excluded) with recall@5 against an exact scan for each {@code hnsw.ef_search} (default 40,100; doubled
 *       while recall@5 stays below 0.95). Every line carries {@code /proc/loadavg}.
 * </ul>
 */
public final class RagMeasurement {
    private static final int QUERIES = 200;
    private static final long CACHE_MAGIC = 0x5241475643414348L; // "RAGVCACH"

    private RagMeasurement() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("ingest")) {
            ingest(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length >= 1 && args[0].equals("corpus")) {
            RagCorpus.describe(System.out::println);
        } else if (args.length >= 4 && args[0].equals("pgvector")) {
            int[] efs = Arrays.stream((args.length > 4 ? args[4] : "40,100").split(","))
                    .mapToInt(Integer::parseInt)
                    .toArray();
            pgvector(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), efs);
        } else {
            System.err.println("usage: RagMeasurement ingest <kbDir> <rounds> | corpus"
                    + " | pgvector <jdbcUrl> <embedSeconds> <rows> [efSearch,...]");
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

    private static void pgvector(String url, int embedSeconds, int rows, int[] efSearches) throws Exception {
        long t0 = System.nanoTime();
        List<RagCorpus.Chunk> corpus = RagCorpus.build(rows + QUERIES, 42);
        List<String> texts = corpus.stream().map(RagCorpus.Chunk::text).toList();
        Map<String, int[]> composition = new TreeMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            composition.computeIfAbsent(corpus.get(i).source(), k -> new int[2])[i < QUERIES ? 0 : 1]++;
        }
        System.out.printf(
                "CORPUS texts=%d build_s=%.1f mean_chars=%.0f%n",
                texts.size(),
                (System.nanoTime() - t0) / 1e9,
                texts.stream().mapToInt(String::length).average().orElse(0));
        composition.forEach(
                (source, n) -> System.out.printf("CORPUS source=%s queries=%d rows=%d%n", source, n[0], n[1]));
        LocalEmbedder embedder = LocalEmbedder.create().warmUp();
        List<float[]> vectors = embedCached(embedder, texts, embedSeconds);
        if (vectors.size() < texts.size()) {
            System.out.printf(
                    "EMBED incomplete: %d of %d texts embedded; rerun with the same RAG_VECTORS_CACHE to resume%n",
                    vectors.size(), texts.size());
            System.exit(3);
        }
        double[] embedMs = new double[QUERIES];
        for (int round = 0; round < 2; round++) { // one query text embedded alone, as a question is
            for (int i = 0; i < QUERIES; i++) {
                long t = System.nanoTime();
                embedder.embed(texts.get(i));
                embedMs[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        System.out.printf("QUERY_EMBED p50_ms=%.2f p99_ms=%.2f load=%s%n", pct(embedMs, 50), pct(embedMs, 99), load());
        int n = rows;
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
            long built = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("SET maintenance_work_mem = '512MB'");
                s.execute("CREATE INDEX ON rag_bench USING hnsw (embedding vector_cosine_ops)"
                        + " WITH (m = 16, ef_construction = 64)");
                s.execute("ANALYZE rag_bench");
            }
            c.commit();
            System.out.printf(
                    "INDEX rows=%d m=16 ef_construction=64 hnsw_build_s=%.1f load=%s%n",
                    n, (System.nanoTime() - built) / 1e9, load());
            List<Set<Integer>> exact = new ArrayList<>();
            double[] exactMs = query(c, vectors, "SET LOCAL enable_indexscan = off", exact);
            System.out.printf(
                    "EXACT rows=%d p50_ms=%.2f p99_ms=%.2f load=%s%n", n, pct(exactMs, 50), pct(exactMs, 99), load());
            List<Integer> efs = new ArrayList<>();
            for (int ef : efSearches) {
                efs.add(ef);
            }
            for (int e = 0; e < efs.size(); e++) {
                int ef = efs.get(e);
                List<Set<Integer>> approx = new ArrayList<>();
                double[] ms = query(c, vectors, "SET LOCAL hnsw.ef_search = " + ef, approx);
                double recall = 0;
                for (int q = 0; q < QUERIES; q++) {
                    Set<Integer> hit = new HashSet<>(approx.get(q));
                    hit.retainAll(exact.get(q));
                    recall += hit.size() / 5.0;
                }
                recall /= QUERIES;
                System.out.printf(
                        "HNSW rows=%d ef_search=%d p50_ms=%.2f p99_ms=%.2f recall_at_5=%.3f load=%s%n",
                        n, ef, pct(ms, 50), pct(ms, 99), recall, load());
                if (e == efs.size() - 1 && recall < 0.95 && ef < 800) {
                    efs.add(ef * 2); // the target is not met yet: try a wider search
                }
            }
        }
    }

    /**
     * The embeddings of {@code texts}, from and appended to the file named by {@code RAG_VECTORS_CACHE} (when set)
     * so that an interrupted or time-boxed run resumes where it stopped; the file starts with a fingerprint of the
     * texts, so a changed corpus starts over. Embeds for at most {@code seconds} in this call.
     */
    private static List<float[]> embedCached(LocalEmbedder embedder, List<String> texts, int seconds)
            throws IOException {
        String cacheName = System.getenv("RAG_VECTORS_CACHE");
        Path cache = cacheName == null ? null : Path.of(cacheName);
        long fingerprint = fingerprint(texts);
        List<float[]> vectors = new ArrayList<>();
        if (cache != null && Files.exists(cache)) {
            vectors.addAll(readVectors(cache, fingerprint));
            System.out.printf("EMBED cached=%d in %s%n", vectors.size(), cache);
            if (!vectors.isEmpty()) { // drop a vector cut short by an interrupted write
                try (var ch = java.nio.channels.FileChannel.open(cache, StandardOpenOption.WRITE)) {
                    ch.truncate(20 + 4L * LocalEmbedder.DIMENSION * vectors.size());
                }
            }
        }
        if (cache != null && vectors.isEmpty()) {
            try (var out = new DataOutputStream(Files.newOutputStream(cache))) {
                out.writeLong(CACHE_MAGIC);
                out.writeLong(fingerprint);
                out.writeInt(LocalEmbedder.DIMENSION);
            }
        }
        int before = vectors.size();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        try (var out = cache == null
                ? new DataOutputStream(java.io.OutputStream.nullOutputStream())
                : new DataOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(cache, StandardOpenOption.APPEND), 1 << 16))) {
            for (int i = vectors.size(); i < texts.size() && System.nanoTime() < deadline; i += 256) {
                List<float[]> batch = embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + 256)));
                for (float[] v : batch) {
                    for (float f : v) {
                        out.writeFloat(f);
                    }
                }
                out.flush();
                vectors.addAll(batch);
                if ((vectors.size() - before) % 10_240 < 256) {
                    double s = (System.nanoTime() - started) / 1e9;
                    System.out.printf(
                            "EMBED progress=%d/%d per_s=%.1f load=%s%n",
                            vectors.size(), texts.size(), (vectors.size() - before) / s, load());
                }
            }
        }
        double embedS = (System.nanoTime() - started) / 1e9;
        if (vectors.size() > before) {
            System.out.printf(
                    "EMBED texts=%d seconds=%.1f per_s=%.1f load=%s%n",
                    vectors.size() - before, embedS, (vectors.size() - before) / embedS, load());
        }
        return vectors;
    }

    private static long fingerprint(List<String> texts) {
        long h = 1125899906842597L;
        for (String t : texts) {
            h = 31 * h + t.hashCode();
        }
        return h;
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException e) {
            return "?";
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

    /** The complete vectors in the cache, or none when it was written for other texts. */
    private static List<float[]> readVectors(Path file, long fingerprint) throws IOException {
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (Files.size(file) < 20 || in.readLong() != CACHE_MAGIC || in.readLong() != fingerprint) {
                return List.of();
            }
            int dim = in.readInt();
            long count = (Files.size(file) - 20) / (4L * dim);
            List<float[]> out = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
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
}
