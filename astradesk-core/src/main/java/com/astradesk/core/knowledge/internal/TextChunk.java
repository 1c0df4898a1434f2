package com.astradesk.core.knowledge.internal;

import java.util.List;

/**
 * A piece of a document as cut by {@link MarkdownChunker}: the path of headings above it and its body.
 *
 * @param headingPath titles from the top-level heading down to the section holding the chunk
 * @param body        the chunk's own text
 */
public record TextChunk(List<String> headingPath, String body) {
    public TextChunk {
        headingPath = List.copyOf(headingPath);
    }

    /** The indexed text: the heading path on the first line (it carries context into the embedding), then the body. */
    public String text() {
        return headingPath.isEmpty() ? body : String.join(" > ", headingPath) + "\n\n" + body;
    }
}
