package com.astradesk.core.knowledge;

import com.astradesk.core.knowledge.internal.InMemoryKnowledgeIndex;
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
     * set, never a mix). An empty list keeps the source known (with its hash) but searchable by nothing.
     *
     * @throws IllegalArgumentException when a chunk belongs to another source or its vector has the wrong
     *     dimension
     */
    void replace(String source, String contentSha256, List<DocumentChunk> chunks);

    /** Removes a source's chunks; returns how many were removed. */
    int remove(String source);

    /** The content hash of the version of {@code source} currently indexed, if any. */
    Optional<String> contentHash(String source);

    /** Number of chunks held. */
    long size();

    /**
     * An index held in memory (embedded mode): exact cosine search over every chunk, fine up to tens of
     * thousands of chunks. Queries are embedded with {@code embedder}; indexed chunks must carry vectors of
     * the same dimension.
     *
     * @param embedder embeds queries; the one ingestion used for the chunks
     */
    static KnowledgeIndex inMemory(Embedder embedder) {
        return new InMemoryKnowledgeIndex(embedder);
    }
}
