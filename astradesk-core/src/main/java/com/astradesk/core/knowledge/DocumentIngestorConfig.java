package com.astradesk.core.knowledge;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of a {@link DocumentIngestor}. Immutable; built by {@link DocumentIngestorBuilder}.
 *
 * @param chunkSize    the largest chunk body in characters
 * @param chunkOverlap characters repeated from one chunk at the start of the next in the same section
 * @param batchSize    texts per {@link Embedder#embedAll} call
 * @param maxFileBytes the largest file accepted
 * @param defaultAcl   groups applied when neither the call nor the document's front matter names any (lower-case;
 *                     empty = public)
 */
public record DocumentIngestorConfig(
        int chunkSize, int chunkOverlap, int batchSize, long maxFileBytes, Set<String> defaultAcl) {
    public DocumentIngestorConfig {
        if (chunkSize < 100) {
            throw new IllegalArgumentException("chunkSize must be >= 100, was " + chunkSize);
        }
        if (chunkOverlap < 0 || chunkOverlap >= chunkSize / 2) {
            throw new IllegalArgumentException(
                    "chunkOverlap must be in [0, chunkSize/2), was " + chunkOverlap + " for chunkSize " + chunkSize);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be >= 1, was " + maxFileBytes);
        }
        defaultAcl = normalize(Objects.requireNonNull(defaultAcl, "defaultAcl"));
    }

    static Set<String> normalize(Set<String> groups) {
        return groups.stream()
                .map(g -> Objects.requireNonNull(g, "group").trim().toLowerCase(Locale.ROOT))
                .filter(g -> !g.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
