package com.astradesk.core.knowledge;

import java.util.Objects;
import java.util.Set;

/**
 * A retrieval request. Immutable.
 *
 * @param text     the query text
 * @param groups   the caller's groups; chunks whose ACL is empty are public, others need a shared group
 * @param topK     how many chunks at most (≥ 1)
 * @param minScore the lowest cosine similarity returned
 */
public record KnowledgeQuery(String text, Set<String> groups, int topK, double minScore) {
    /** Default number of chunks. */
    public static final int DEFAULT_TOP_K = 5;

    public KnowledgeQuery {
        Objects.requireNonNull(text, "text");
        groups = Set.copyOf(groups);
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, was " + topK);
        }
    }
}
