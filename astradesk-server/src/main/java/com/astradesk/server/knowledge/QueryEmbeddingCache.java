package com.astradesk.server.knowledge;

import com.astradesk.core.knowledge.Embedder;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the embeddings of recent questions: help desks hear the same questions again and again, and embedding one
 * with the local model costs milliseconds of CPU on the request path, while a lookup costs a hash. Only single
 * texts ({@link #embed}, what retrieval calls) are cached, keyed by the exact text; batches ({@link #embedAll},
 * ingestion) go straight to the model. Bounded (least recently used entries leave first). Thread-safe.
 */
public final class QueryEmbeddingCache implements Embedder {
    private final Embedder model;
    private final Cache<String, float[]> cache;

    private QueryEmbeddingCache(Embedder model, int size) {
        this.model = model;
        this.cache = Caffeine.newBuilder().maximumSize(size).build();
    }

    /** {@code model} with a cache of {@code size} questions, or {@code model} itself when {@code size} is 0. */
    public static Embedder wrap(Embedder model, int size) {
        Objects.requireNonNull(model, "model");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        return size == 0 ? model : new QueryEmbeddingCache(model, size);
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    /** The cached vector (a copy: callers may change theirs) or the model's, cached for next time. */
    @Override
    public float[] embed(String text) {
        return cache.get(text, model::embed).clone();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return model.embedAll(texts);
    }

    /** Questions cached now (approximate); for tests and diagnostics. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
