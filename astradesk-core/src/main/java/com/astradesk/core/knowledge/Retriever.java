package com.astradesk.core.knowledge;

import java.util.List;

/** Finds the chunks closest to a query, filtered by ACL. Thread-safe. */
@FunctionalInterface
public interface Retriever {
    /** The best chunks, highest score first, at most {@code query.topK()}, none under {@code minScore}. */
    List<KnowledgeChunk> retrieve(KnowledgeQuery query);
}
