package com.astradesk.core.agent;

import java.util.Objects;

/**
 * A knowledge source an answer used, with the text that was cited (already filtered by the caller's groups).
 * Immutable.
 *
 * @param source the document
 * @param chunk  the chunk index within it
 * @param score  the retrieval score
 * @param text   the cited chunk's text
 */
public record Citation(String source, int chunk, double score, String text) {
    public Citation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }

    /** A citation without its text. */
    public Citation(String source, int chunk, double score) {
        this(source, chunk, score, "");
    }
}
