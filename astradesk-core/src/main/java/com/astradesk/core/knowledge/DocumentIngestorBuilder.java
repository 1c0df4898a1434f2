package com.astradesk.core.knowledge;

import com.astradesk.core.knowledge.internal.DefaultDocumentIngestor;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link DocumentIngestor}. Not thread-safe; the ingestor it builds is. Every {@code with*} method
 * checks its argument and names it when it is wrong.
 */
public final class DocumentIngestorBuilder {
    /** Default largest chunk body, in characters (fits all-MiniLM-L6-v2's 256-token window for English). */
    public static final int DEFAULT_CHUNK_SIZE = 800;
    /** Default overlap between consecutive chunks of one section. */
    public static final int DEFAULT_CHUNK_OVERLAP = 120;
    /** Default texts per embedding call. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Default largest file: 2 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024;

    private final KnowledgeIndex index;
    private final Embedder embedder;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private int chunkOverlap = DEFAULT_CHUNK_OVERLAP;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private Set<String> defaultAcl = Set.of();

    DocumentIngestorBuilder(KnowledgeIndex index, Embedder embedder) {
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    /** Largest chunk body in characters (≥ 100). */
    public DocumentIngestorBuilder withChunkSize(int chars) {
        if (chars < 100) {
            throw new IllegalArgumentException("chunkSize must be >= 100, was " + chars);
        }
        this.chunkSize = chars;
        return this;
    }

    /** Characters repeated between consecutive chunks (0 ≤ overlap &lt; chunkSize / 2, checked at build). */
    public DocumentIngestorBuilder withChunkOverlap(int chars) {
        if (chars < 0) {
            throw new IllegalArgumentException("chunkOverlap must be >= 0, was " + chars);
        }
        this.chunkOverlap = chars;
        return this;
    }

    /** Texts per embedding call (≥ 1). */
    public DocumentIngestorBuilder withBatchSize(int texts) {
        if (texts < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + texts);
        }
        this.batchSize = texts;
        return this;
    }

    /** Largest file accepted, in bytes (≥ 1). */
    public DocumentIngestorBuilder withMaxFileBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be >= 1, was " + bytes);
        }
        this.maxFileBytes = bytes;
        return this;
    }

    /** Groups applied when neither the call nor the front matter names any; empty (the default) = public. */
    public DocumentIngestorBuilder withDefaultAcl(Set<String> groups) {
        this.defaultAcl = Set.copyOf(Objects.requireNonNull(groups, "groups"));
        return this;
    }

    /**
     * The ingestor.
     *
     * @throws IllegalArgumentException when the overlap is not below half the chunk size
     */
    public DocumentIngestor build() {
        return new DefaultDocumentIngestor(
                index,
                embedder,
                new DocumentIngestorConfig(chunkSize, chunkOverlap, batchSize, maxFileBytes, defaultAcl));
    }
}
