package com.astradesk.server.knowledge;

import com.astradesk.core.knowledge.Embedder;
import com.astradesk.model.embedding.LocalEmbedder;
import com.astradesk.server.config.KnowledgeConfig;
import java.util.Objects;

/**
 * The embedder {@code EMBEDDING_MODEL} selects. Both produce 384-d vectors (the {@code documents.embedding}
 * column), but not comparable ones: documents must be queried with the embedder that ingested them. Stateless.
 */
public final class Embedders {
    /** Vector length of every server embedder. */
    public static final int DIMENSION = LocalEmbedder.DIMENSION;

    private Embedders() {}

    /**
     * The configured embedder; cheap (the local model loads on first use or {@link KnowledgeBootstrap} start).
     *
     * @param model the {@code EMBEDDING_MODEL} choice
     */
    public static Embedder of(KnowledgeConfig.EmbeddingModel model) {
        return switch (Objects.requireNonNull(model, "model")) {
            case MINILM -> LocalEmbedder.create();
            case HASHING -> Embedder.hashing(DIMENSION);
        };
    }
}
