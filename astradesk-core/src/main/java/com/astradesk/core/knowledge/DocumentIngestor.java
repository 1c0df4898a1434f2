package com.astradesk.core.knowledge;

import com.astradesk.core.StoreUnavailableException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Turns Markdown and plain-text documents into indexed chunks: validate → parse front matter → heading-aware
 * chunks with overlap → batched embedding → {@link KnowledgeIndex#replace}. Idempotent: a document whose
 * fingerprint (SHA-256 over its bytes and its effective ACL) equals {@link KnowledgeIndex#contentHash} is
 * left alone; a changed one has all its chunks replaced. A bad file (unsupported extension, empty, too large,
 * binary, invalid UTF-8) is reported with its reason and does not stop the batch. Thread-safe.
 *
 * <p>Supported extensions: {@code .md}, {@code .markdown}, {@code .txt}. A chunk's text starts with its heading
 * path ({@code VPN > Password reset}) so the path is part of what is embedded and cited.
 *
 * <p>ACL precedence: the document's front matter ({@code acl: [sre]}), else the call's {@code acl}, else the
 * builder's default; empty means public.
 */
public interface DocumentIngestor {

    /** A builder over the index to write and the embedder for chunks (the index's own, for the same vectors). */
    static DocumentIngestorBuilder builder(KnowledgeIndex index, Embedder embedder) {
        return new DocumentIngestorBuilder(index, embedder);
    }

    /**
     * Ingests a file or, recursively, a directory (hidden files and folders skipped, files in path order). Sources
     * are named by their path relative to the directory, or by the file name for a single file, with {@code /}
     * separators. A missing path gives a report with one failure.
     *
     * @throws StoreUnavailableException when the index's store cannot be reached (the batch stops)
     */
    default IngestReport ingest(Path fileOrDirectory) {
        return ingest(fileOrDirectory, Set.of());
    }

    /**
     * Like {@link #ingest(Path)}, with {@code acl} for documents whose front matter names none.
     *
     * @throws StoreUnavailableException when the index's store cannot be reached (the batch stops)
     */
    IngestReport ingest(Path fileOrDirectory, Set<String> acl);

    /**
     * Ingests one document given as bytes (e.g. an upload); {@code source} names it and its extension selects
     * Markdown or text.
     *
     * @throws StoreUnavailableException when the index's store cannot be reached
     */
    IngestReport ingestDocument(String source, byte[] content, Set<String> acl);
}
