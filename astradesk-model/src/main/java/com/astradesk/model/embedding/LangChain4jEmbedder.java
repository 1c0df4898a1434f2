package com.astradesk.model.embedding;

import com.astradesk.core.knowledge.Embedder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Adapts any langchain4j {@link EmbeddingModel} (local ONNX, OpenAI, Ollama, Bedrock, ...) to the core
 * {@link Embedder} port, so remote embedding models plug in the same way as the local default. Thread-safe when
 * the model is (langchain4j's models are).
 */
public final class LangChain4jEmbedder implements Embedder {
    private final Supplier<EmbeddingModel> model;
    private final int dimension;
    private final String name;

    private LangChain4jEmbedder(Supplier<EmbeddingModel> model, int dimension, String name) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, was " + dimension);
        }
        this.model = model;
        this.dimension = dimension;
        this.name = name;
    }

    /**
     * Wraps {@code model}; its dimension is asked once, now (some remote models embed a probe text for that).
     *
     * @throws EmbeddingException when the model cannot report its dimension
     */
    public static LangChain4jEmbedder of(EmbeddingModel model) {
        Objects.requireNonNull(model, "model");
        String name = nameOf(model);
        int dimension;
        try {
            dimension = model.dimension();
        } catch (RuntimeException e) {
            throw new EmbeddingException(name, "cannot determine the vector dimension: " + e.getMessage(), e);
        }
        return new LangChain4jEmbedder(() -> model, dimension, name);
    }

    /** Wraps {@code model} whose vectors are known to have {@code dimension} components (no probe call). */
    public static LangChain4jEmbedder of(EmbeddingModel model, int dimension) {
        Objects.requireNonNull(model, "model");
        return new LangChain4jEmbedder(() -> model, dimension, nameOf(model));
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * @throws IllegalArgumentException when a text is null or blank (models cannot embed nothing)
     * @throws EmbeddingException       when the model fails or returns vectors of the wrong size
     */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("text " + i + " is " + (text == null ? "null" : "blank"));
            }
            segments.add(TextSegment.from(text));
        }
        List<Embedding> embeddings;
        try {
            embeddings = model.get().embedAll(segments).content();
        } catch (EmbeddingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EmbeddingException(name, "embedding " + texts.size() + " text(s) failed: " + e.getMessage(), e);
        }
        if (embeddings == null || embeddings.size() != texts.size()) {
            throw new EmbeddingException(
                    name,
                    "returned " + (embeddings == null ? 0 : embeddings.size()) + " vectors for " + texts.size()
                            + " texts",
                    null);
        }
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            float[] v = e.vector();
            if (v.length != dimension) {
                throw new EmbeddingException(
                        name, "returned a vector of " + v.length + " dimensions, expected " + dimension, null);
            }
            out.add(v);
        }
        return out;
    }

    /** The wrapped model's name, for errors and logs. */
    public String modelName() {
        return name;
    }

    private static String nameOf(EmbeddingModel model) {
        try {
            String n = model.modelName();
            return n == null || n.isBlank() ? model.getClass().getSimpleName() : n;
        } catch (RuntimeException e) {
            return model.getClass().getSimpleName();
        }
    }
}
