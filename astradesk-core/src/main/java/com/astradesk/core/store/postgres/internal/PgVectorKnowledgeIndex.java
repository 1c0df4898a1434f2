package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.knowledge.DocumentChunk;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.KnowledgeQuery;
import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Knowledge chunks in table {@code documents}, searched by cosine distance through the HNSW index. Retrieval
 * sets {@code hnsw.ef_search} and {@code hnsw.iterative_scan = relaxed_order} (pgvector 0.8) for its own
 * transaction only, so the ACL filter cannot starve the result: the index scan continues until {@code topK}
 * visible chunks are found. A few extra candidates are re-sorted exactly, so ties are broken by source and chunk
 * index, as in the in-memory index. Thread-safe.
 *
 * <p>Retrieval is on the request path of every knowledge question, so it is one round trip: the settings and the
 * search go as one two-statement query, which PostgreSQL runs as one implicit transaction (statements sent before
 * one Sync), so {@code set_config(..., true)} ends with it, as {@code SET LOCAL} did in an explicit transaction of
 * four round trips. It runs on the handle's JDBC connection: the query vector goes in pgvector's binary form
 * (registered on each handle by Jdbi's {@code PostgresPlugin}) and is never rendered as text.
 */
public final class PgVectorKnowledgeIndex implements KnowledgeIndex {
    /** Parameters: ef_search, query vector, ACL groups, query vector, candidates, minimum score, k. */
    private static final String NEAREST = "SELECT set_config('hnsw.ef_search', ?, true),"
            + " set_config('hnsw.iterative_scan', 'relaxed_order', true);"
            + " WITH nearest AS MATERIALIZED ("
            + " SELECT source, chunk_index, chunk, embedding <=> ? AS distance FROM documents"
            + " WHERE cardinality(acl) = 0 OR acl && ?"
            + " ORDER BY embedding <=> ? LIMIT ?)"
            + " SELECT source, chunk_index, chunk, 1 - distance AS score FROM nearest"
            + " WHERE 1 - distance >= ? ORDER BY distance, source, chunk_index LIMIT ?";

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
        int fetch = overFetch(query.topK());
        try {
            return jdbi.withHandle(h -> nearest(h.getConnection(), q, groups, fetch, query));
        } catch (JdbiException | SQLException e) {
            throw PgErrors.translate("knowledge retrieval", e);
        }
    }

    private List<KnowledgeChunk> nearest(
            Connection connection, PGvector q, String[] groups, int fetch, KnowledgeQuery query) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(NEAREST)) {
            ps.setString(1, Integer.toString(Math.max(efSearch, fetch)));
            ps.setObject(2, q);
            ps.setArray(3, connection.createArrayOf("text", groups));
            ps.setObject(4, q);
            ps.setInt(5, fetch);
            ps.setDouble(6, query.minScore());
            ps.setInt(7, query.topK());
            ps.execute(); // the first result is the settings' row
            if (!ps.getMoreResults()) {
                throw new SQLException("knowledge retrieval returned no result set after its settings");
            }
            List<KnowledgeChunk> chunks = new ArrayList<>(query.topK());
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    chunks.add(new KnowledgeChunk(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getDouble(4)));
                }
            }
            return chunks;
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
