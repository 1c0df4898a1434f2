package com.astradesk.core.agent;

import java.util.Objects;

/**
 * A knowledge source an answer used. Immutable.
 *
 * @param source the document
 * @param chunk  the chunk index within it
 * @param score  the retrieval score
 */
public record Citation(String source, int chunk, double score) {
    public Citation {
        Objects.requireNonNull(source, "source");
    }
}
