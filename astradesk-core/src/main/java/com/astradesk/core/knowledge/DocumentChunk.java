package com.astradesk.core.knowledge;

import java.util.Objects;
import java.util.Set;

/**
 * A chunk of a document ready to be indexed. Immutable (the embedding array is not copied; do not mutate it).
 *
 * @param source        the document's identity (a path relative to the knowledge root, or a URL)
 * @param chunkIndex    position in the document, from 0
 * @param text          the chunk text
 * @param acl           groups allowed to read it, lower-case; empty = public
 * @param contentSha256 SHA-256 (hex) of the whole source document's content
 * @param embedding     the chunk's vector
 */
public record DocumentChunk(
        String source, int chunkIndex, String text, Set<String> acl, String contentSha256, float[] embedding) {
    public DocumentChunk {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        acl = acl == null
                ? Set.of()
                : acl.stream()
                        .map(g -> g.trim().toLowerCase(java.util.Locale.ROOT))
                        .filter(g -> !g.isEmpty())
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(embedding, "embedding");
    }
}
