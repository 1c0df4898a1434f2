package com.astradesk.core.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * A searchable store of document chunks: the retriever plus the writes ingestion needs. Retrieval embeds the
 * query with the index's embedder, ranks by cosine similarity, drops chunks under the minimum score and keeps
 * only chunks whose ACL is empty or shares a group with the caller. Thread-safe.
 */
public interface KnowledgeIndex extends Retriever {

    /**
     * Replaces every chunk of {@code source} with {@code chunks}, atomically (readers see the old or the new
     * set, never a mix).
     */
    void replace(String source, String contentSha256, List<DocumentChunk> chunks);

    /** Removes a source's chunks; returns how many were removed. */
    int remove(String source);

    /** The content hash of the version of {@code source} currently indexed, if any. */
    Optional<String> contentHash(String source);

    /** Number of chunks held. */
    long size();
}
