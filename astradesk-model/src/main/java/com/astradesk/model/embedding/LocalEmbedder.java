package com.astradesk.model.embedding;

import com.astradesk.core.knowledge.Embedder;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default embedder: all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions) running in-process and offline. The
 * model (~16 MB) loads once per JVM on first use (about a second) and is shared by every instance; batches
 * ({@link #embedAll}) are much faster than single calls. Thread-safe.
 */
public final class LocalEmbedder implements Embedder {
    /** The model's vector length. */
    public static final int DIMENSION = 384;
    /** The model's name. */
    public static final String MODEL_NAME = "all-MiniLM-L6-v2-q";

    private static final Logger LOG = LoggerFactory.getLogger(LocalEmbedder.class);

    private final LangChain4jEmbedder delegate = LangChain4jEmbedder.lazy(ModelHolder::model, DIMENSION, MODEL_NAME);

    private LocalEmbedder() {}

    /** An embedder over the shared local model; cheap (the model loads on first embedding). */
    public static LocalEmbedder create() {
        return new LocalEmbedder();
    }

    /** Loads the model now (e.g. at server start) instead of on the first request. */
    public LocalEmbedder warmUp() {
        ModelHolder.model();
        return this;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /**
     * @throws IllegalArgumentException when a text is null or blank
     * @throws EmbeddingException       when the model cannot be loaded or fails
     */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        return delegate.embedAll(texts);
    }

    /** Loads the shared model once; a failed load is reported to every caller and retried on the next call. */
    private static final class ModelHolder {
        private static volatile EmbeddingModel model;

        static EmbeddingModel model() {
            EmbeddingModel m = model;
            if (m == null) {
                synchronized (ModelHolder.class) {
                    m = model;
                    if (m == null) {
                        m = load();
                        model = m;
                    }
                }
            }
            return m;
        }

        private static EmbeddingModel load() {
            long start = System.nanoTime();
            try {
                EmbeddingModel m = new AllMiniLmL6V2QuantizedEmbeddingModel();
                LOG.info("loaded {} in {} ms", MODEL_NAME, (System.nanoTime() - start) / 1_000_000);
                return m;
            } catch (RuntimeException | LinkageError e) {
                throw new EmbeddingException(MODEL_NAME, "cannot load the local model: " + e.getMessage(), e);
            }
        }
    }
}
