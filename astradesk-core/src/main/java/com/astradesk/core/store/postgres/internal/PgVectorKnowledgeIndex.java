package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.knowledge.DocumentChunk;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.KnowledgeQuery;
import com.pgvector.PGvector;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Knowledge chunks in table {@code documents}, searched by cosine distance through the HNSW index. Retrieval
 * runs in a transaction with {@code SET LOCAL hnsw.ef_search} and {@code hnsw.iterative_scan = relaxed_order}
 * (pgvector 0.8), so the ACL filter cannot starve the result: the index scan continues until {@code topK}
 * visible chunks are found. A few extra candidates are re-sorted exactly, so ties are broken by source and chunk
 * index, as in the in-memory index. Thread-safe.
 */
public final class PgVectorKnowledgeIndex implements KnowledgeIndex {
    private static final String NEAREST = "WITH nearest AS MATERIALIZED ("
            + " SELECT source, chunk_index, chunk, embedding <=> :q AS distance FROM documents"
            + " WHERE cardinality(acl) = 0 OR acl && CAST(:groups AS text[])"
            + " ORDER BY embedding <=> :q LIMIT :fetch)"
            + " SELECT source, chunk_index, chunk, 1 - distance AS score FROM nearest"
            + " WHERE 1 - distance >= :minScore ORDER BY distance, source, chunk_index LIMIT :k";

    private final Jdbi jdbi;
    private final Embedder embedder;
    private final int efSearch;

    PgVectorKnowledgeIndex(Jdbi jdbi, Embedder embedder, int efSearch) {
        this.jdbi = jdbi;
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.efSearch = efSearch;
        int columnDimension = columnDimension();
        if (embedder.dimension() != columnDimension) {
            throw new IllegalArgumentException("embedder dimension " + embedder.dimension()
                    + " does not match documents.embedding vector(" + columnDimension + ")");
        }
    }

    @Override
    public List<KnowledgeChunk> retrieve(KnowledgeQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.text().isBlank()) {
            return List.of();
        }
        PGvector q = new PGvector(embedder.embed(query.text()));
        String[] groups = query.groups().stream()
                .map(g -> g.trim().toLowerCase(Locale.ROOT))
                .filter(g -> !g.isEmpty())
                .toArray(String[]::new);
        try {
            return jdbi.inTransaction(h -> {
                h.execute("SET LOCAL hnsw.ef_search = " + Math.max(efSearch, overFetch(query.topK())));
                h.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                return h.createQuery(NEAREST)
                        .bind("q", q)
                        .bind("groups", groups)
                        .bind("fetch", overFetch(query.topK()))
                        .bind("k", query.topK())
                        .bind("minScore", query.minScore())
                        .map((rs, ctx) -> new KnowledgeChunk(
                                rs.getString("source"),
                                rs.getInt("chunk_index"),
                                rs.getString("chunk"),
                                rs.getDouble("score")))
                        .list();
            });
        } catch (JdbiException e) {
            throw PgErrors.translate("knowledge retrieval", e);
        }
    }

    /**
     * Candidates taken from the index before the final exact re-sort: relaxed ordering may emit a slightly
     * better chunk after a worse one, and equal scores need a stable tie-break (source, chunk index).
     */
    private static int overFetch(int topK) {
        return Math.max(topK * 4, topK + 20);
    }

    @Override
    public void replace(String source, String contentSha256, List<DocumentChunk> chunks) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(contentSha256, "contentSha256");
        List<DocumentChunk> batch = List.copyOf(Objects.requireNonNull(chunks, "chunks"));
        for (DocumentChunk c : batch) {
            if (!c.source().equals(source)) {
                throw new IllegalArgumentException(
                        "chunk " + c.chunkIndex() + " belongs to " + c.source() + ", not to " + source);
            }
            if (c.embedding().length != embedder.dimension()) {
                throw new IllegalArgumentException("chunk " + c.chunkIndex() + " of " + source + " has "
                        + c.embedding().length + " dimensions, expected " + embedder.dimension());
            }
        }
        try {
            jdbi.useTransaction(h -> {
                h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:source, 0))")
                        .bind("source", source)
                        .mapTo(Integer.class)
                        .one();
                h.createUpdate("DELETE FROM documents WHERE source = :source")
                        .bind("source", source)
                        .execute();
                if (batch.isEmpty()) {
                    return;
                }
                PreparedBatch insert = h.prepareBatch("INSERT INTO documents"
                        + " (source, chunk_index, chunk, embedding, acl, content_sha256)"
                        + " VALUES (:source, :chunkIndex, :chunk, :embedding, CAST(:acl AS text[]), :sha)");
                for (DocumentChunk c : batch) {
                    insert.bind("source", source)
                            .bind("chunkIndex", c.chunkIndex())
                            .bind("chunk", c.text())
                            .bind("embedding", new PGvector(c.embedding()))
                            .bind("acl", c.acl().stream().sorted().toArray(String[]::new))
                            .bind("sha", contentSha256)
                            .add();
                }
                insert.execute();
            });
        } catch (JdbiException e) {
            throw PgErrors.translate("replacing knowledge source " + source, e);
        }
    }

    @Override
    public int remove(String source) {
        Objects.requireNonNull(source, "source");
        try {
            return jdbi.withHandle(h -> h.createUpdate("DELETE FROM documents WHERE source = :source")
                    .bind("source", source)
                    .execute());
        } catch (JdbiException e) {
            throw PgErrors.translate("removing knowledge source " + source, e);
        }
    }

    @Override
    public Optional<String> contentHash(String source) {
        Objects.requireNonNull(source, "source");
        try {
            return jdbi.withHandle(
                    h -> h.createQuery("SELECT content_sha256 FROM documents WHERE source = :source LIMIT 1")
                            .bind("source", source)
                            .mapTo(String.class)
                            .findOne());
        } catch (JdbiException e) {
            throw PgErrors.translate("reading knowledge source " + source, e);
        }
    }

    @Override
    public long size() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM documents")
                    .mapTo(Long.class)
                    .one());
        } catch (JdbiException e) {
            throw PgErrors.translate("counting knowledge chunks", e);
        }
    }

    private int columnDimension() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT atttypmod FROM pg_attribute"
                            + " WHERE attrelid = 'documents'::regclass AND attname = 'embedding'")
                    .mapTo(Integer.class)
                    .one());
        } catch (JdbiException e) {
            throw PgErrors.translate("reading the documents schema", e);
        }
    }
}
