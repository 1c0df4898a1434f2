package com.astradesk.core.knowledge;

import java.util.Objects;

/**
 * A retrieved piece of knowledge with its similarity score. Immutable.
 *
 * @param source     where it came from (a path or URL)
 * @param chunkIndex its position in the source
 * @param text       the chunk text
 * @param score      cosine similarity in [-1, 1]; higher is closer
 */
public record KnowledgeChunk(String source, int chunkIndex, String text, double score) {
    public KnowledgeChunk {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }
}
