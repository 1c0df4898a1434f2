package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import com.astradesk.core.store.postgres.PostgresConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Knowledge-base settings: which embedder turns text into vectors, which directory is ingested at start, and how
 * retrieval ranks. Immutable.
 *
 * @param embedding         the embedder ({@code EMBEDDING_MODEL}: {@code minilm}, the default, or {@code hashing})
 * @param directory         the directory ingested at start ({@code KNOWLEDGE_DIR}, default {@code docs/kb}; a
 *                          relative path is resolved against {@code ASTRADESK_HOME}, else the working directory)
 * @param directoryExplicit whether {@code KNOWLEDGE_DIR} was set: with {@code DATABASE_URL} the directory is
 *                          ingested at start only then (otherwise use the {@code ingest} command)
 * @param topK              chunks retrieved per question ({@code KNOWLEDGE_TOP_K}, default 5, 1..50)
 * @param minScore          lowest cosine similarity cited ({@code KNOWLEDGE_MIN_SCORE}, default 0.40 with MiniLM —
 *                          calibrated — and 0.3 with the hashing embedder, -1..1)
 * @param hnswEfSearch      pgvector {@code hnsw.ef_search} ({@code HNSW_EF_SEARCH}, default 40, 1..1000)
 * @param queryCacheSize    questions whose embeddings are kept in memory ({@code KNOWLEDGE_QUERY_CACHE_SIZE},
 *                          default 10,000, 0 turns the cache off): a repeated question skips the embedding model
 */
public record KnowledgeConfig(
        EmbeddingModel embedding,
        Path directory,
        boolean directoryExplicit,
        int topK,
        double minScore,
        int hnswEfSearch,
        int queryCacheSize) {

    /** Default directory, relative to the AstraDesk home. */
    public static final String DEFAULT_DIRECTORY = "docs/kb";
    /** Default chunks per question. */
    public static final int DEFAULT_TOP_K = 5;
    /** Default lowest similarity. */
    public static final double DEFAULT_MIN_SCORE = 0.3;

    /**
     * The default minimum score with the MiniLM embedder: the relevance cut-off calibrated on a labelled EN/PL set
     * against {@code docs/kb} (docs/KNOWLEDGE.md "Relevance cut-off"; {@code KnowledgeRelevanceCalibrationTest}).
     */
    public static final double MINILM_MIN_SCORE = 0.40;
    /** Default {@code hnsw.ef_search}. */
    public static final int DEFAULT_EF_SEARCH = PostgresConfig.DEFAULT_EF_SEARCH;
    /** Default number of cached question embeddings. */
    public static final int DEFAULT_QUERY_CACHE_SIZE = 10_000;

    /** The embedders the server can use. */
    public enum EmbeddingModel {
        /** all-MiniLM-L6-v2 (quantized, 384-d), in-process and offline: semantic search. */
        MINILM,
        /** Feature hashing (384-d): no model, matches words rather than meaning; for tests and tiny setups. */
        HASHING;

        /** The value of {@code EMBEDDING_MODEL}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public KnowledgeConfig {
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(directory, "directory");
        if (topK < 1 || topK > 50) {
            throw new IllegalArgumentException("topK must be 1..50, was " + topK);
        }
        if (Double.isNaN(minScore) || minScore < -1 || minScore > 1) {
            throw new IllegalArgumentException("minScore must be -1..1, was " + minScore);
        }
        if (hnswEfSearch < 1 || hnswEfSearch > 1000) {
            throw new IllegalArgumentException("hnswEfSearch must be 1..1000, was " + hnswEfSearch);
        }
        if (queryCacheSize < 0) {
            throw new IllegalArgumentException("queryCacheSize must be >= 0, was " + queryCacheSize);
        }
    }

    /** The defaults with the directory {@code docs/kb} under {@code home}. */
    public static KnowledgeConfig defaults(Path home) {
        return new KnowledgeConfig(
                EmbeddingModel.MINILM,
                home.resolve(DEFAULT_DIRECTORY),
                false,
                DEFAULT_TOP_K,
                MINILM_MIN_SCORE,
                DEFAULT_EF_SEARCH,
                DEFAULT_QUERY_CACHE_SIZE);
    }

    /** A copy with another embedder. */
    public KnowledgeConfig withEmbedding(EmbeddingModel model) {
        return new KnowledgeConfig(model, directory, directoryExplicit, topK, minScore, hnswEfSearch, queryCacheSize);
    }

    /** A copy ingesting another directory at start (counts as set explicitly). */
    public KnowledgeConfig withDirectory(Path dir) {
        return new KnowledgeConfig(embedding, dir, true, topK, minScore, hnswEfSearch, queryCacheSize);
    }

    static KnowledgeConfig from(EnvReader env, Path home) {
        String model = env.string("EMBEDDING_MODEL", "minilm").toLowerCase(Locale.ROOT);
        EmbeddingModel embedding = switch (model) {
            case "minilm", "all-minilm-l6-v2" -> EmbeddingModel.MINILM;
            case "hashing" -> EmbeddingModel.HASHING;
            default ->
                throw new ConfigException(
                        "EMBEDDING_MODEL", "EMBEDDING_MODEL must be minilm or hashing; was '" + model + "'");
        };
        Path dir;
        try {
            dir = home.resolve(env.string("KNOWLEDGE_DIR", DEFAULT_DIRECTORY)).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException("KNOWLEDGE_DIR", "KNOWLEDGE_DIR is not a valid path: " + e.getReason());
        }
        return new KnowledgeConfig(
                embedding,
                dir,
                env.string("KNOWLEDGE_DIR").isPresent(),
                env.integer("KNOWLEDGE_TOP_K", DEFAULT_TOP_K, 1, 50),
                env.decimal(
                        "KNOWLEDGE_MIN_SCORE",
                        embedding == EmbeddingModel.MINILM ? MINILM_MIN_SCORE : DEFAULT_MIN_SCORE,
                        -1,
                        1),
                env.integer("HNSW_EF_SEARCH", DEFAULT_EF_SEARCH, 1, 1000),
                env.integer("KNOWLEDGE_QUERY_CACHE_SIZE", DEFAULT_QUERY_CACHE_SIZE, 0, 1_000_000));
    }
}
