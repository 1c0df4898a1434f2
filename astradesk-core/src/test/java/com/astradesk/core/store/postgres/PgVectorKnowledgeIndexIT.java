package com.astradesk.core.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.knowledge.DocumentChunk;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.KnowledgeQuery;
import com.astradesk.core.store.contract.AbstractKnowledgeIndexContractTest;
import com.astradesk.core.store.contract.KnowledgeFixtures;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgVectorKnowledgeIndexIT extends AbstractKnowledgeIndexContractTest {
    private static final int SOURCES = 40;
    private static final int CHUNKS_PER_SOURCE = 50;
    private static TestDatabase db;
    private static PostgresStores stores;

    @BeforeAll
    static void open() {
        db = TestServices.createDatabase("knowledge");
        stores = PostgresStores.open(db.config());
    }

    @AfterAll
    static void close() {
        stores.close();
        db.close();
    }

    @Override
    protected Embedder newEmbedder() {
        return Embedder.hashing(384);
    }

    @Override
    protected KnowledgeIndex emptyIndex(Embedder embedder) {
        sql("TRUNCATE documents");
        return stores.knowledgeIndex(embedder);
    }

    @Test
    void should_return_the_same_top_5_through_the_hnsw_index_as_an_exact_scan_on_2000_chunks() throws SQLException {
        // given
        loadFixture(Set.of());
        Random random = new Random(99);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            queries.add(KnowledgeFixtures.query(random, i));
        }
        assertThat(index.size()).isEqualTo(SOURCES * CHUNKS_PER_SOURCE);
        assertThat(explain(queries.get(0))).contains("documents_embedding_hnsw_idx");

        // when / then
        long[] micros = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            String q = queries.get(i);
            long start = System.nanoTime();
            List<KnowledgeChunk> viaIndex = index.retrieve(new KnowledgeQuery(q, Set.of(), 5, -1));
            micros[i] = (System.nanoTime() - start) / 1000;
            List<String> exact = exactTop5(q, false);
            assertThat(viaIndex)
                    .extracting(c -> c.source() + "#" + c.chunkIndex())
                    .as("query %s", q)
                    .containsExactlyElementsOf(exact);
        }
        Arrays.sort(micros);
        System.out.printf(
                "[PgVectorKnowledgeIndexIT] top-5 retrieval over %d chunks: median %d us, p90 %d us%n",
                SOURCES * CHUNKS_PER_SOURCE, micros[micros.length / 2], micros[micros.length * 9 / 10]);
    }

    @Test
    void should_find_the_exact_public_top_5_when_95_percent_of_2000_chunks_are_restricted() throws SQLException {
        // given: every source but two is sre-only
        loadFixture(Set.of("sre"));
        Random random = new Random(5);

        // when / then
        for (int i = 0; i < 10; i++) {
            String q = KnowledgeFixtures.query(random, i);
            List<KnowledgeChunk> hits = index.retrieve(new KnowledgeQuery(q, Set.of("viewer"), 5, -1));
            assertThat(hits).hasSize(5);
            assertThat(hits)
                    .extracting(c -> c.source() + "#" + c.chunkIndex())
                    .as("query %s", q)
                    .containsExactlyElementsOf(exactTop5(q, true));
        }
    }

    @Test
    void should_leave_the_pooled_connection_without_the_retrieval_settings() throws SQLException {
        // given: a pool of one connection, so the next borrower gets the connection retrieval used, and an
        // ef_search other than pgvector's default (40)
        loadFixture(Set.of("sre"));
        try (PostgresStores single =
                PostgresStores.open(db.config().withMaxPoolSize(1).withHnswEfSearch(64))) {
            KnowledgeIndex oneConnection = single.knowledgeIndex(embedder);
            String q = KnowledgeFixtures.query(new Random(7), 0);

            // when: 95 % of the chunks are hidden from the caller, so only the iterative scan finds 5
            List<KnowledgeChunk> hits = oneConnection.retrieve(new KnowledgeQuery(q, Set.of("viewer"), 5, -1));

            // then: the settings were in effect for the search and ended with it
            assertThat(hits)
                    .extracting(c -> c.source() + "#" + c.chunkIndex())
                    .containsExactlyElementsOf(exactTop5(q, true));
            try (Connection c = single.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_setting('hnsw.iterative_scan', true),"
                            + " current_setting('hnsw.ef_search', true)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isIn(null, "off");
                assertThat(rs.getString(2)).isIn(null, "40");
            }
        }
    }

    @Test
    void should_refuse_an_embedder_whose_dimension_differs_from_the_column() {
        assertThatThrownBy(() -> stores.knowledgeIndex(Embedder.hashing(128)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128")
                .hasMessageContaining("vector(384)");
    }

    /** 40 sources x 50 chunks over 10 topics; all but sources 0 and 1 get {@code restrictedAcl}. */
    private void loadFixture(Set<String> restrictedAcl) {
        Random random = new Random(42);
        long start = System.nanoTime();
        for (int s = 0; s < SOURCES; s++) {
            String source = "fixture/source-" + s + ".md";
            Set<String> acl = s < 2 ? Set.of() : restrictedAcl;
            List<DocumentChunk> chunks = KnowledgeFixtures.source(
                    embedder, random, source, s % KnowledgeFixtures.topics().size(), CHUNKS_PER_SOURCE, acl, s * 1000);
            index.replace(source, "sha-" + s, chunks);
        }
        System.out.printf(
                "[PgVectorKnowledgeIndexIT] embedded and wrote %d chunks in %d ms%n",
                SOURCES * CHUNKS_PER_SOURCE, (System.nanoTime() - start) / 1_000_000);
    }

    /** Exact nearest neighbours: the same distance, with index scans disabled (a sequential scan and sort). */
    private List<String> exactTop5(String query, boolean publicOnly) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_indexscan = off");
            }
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT source, chunk_index FROM documents"
                    + (publicOnly ? " WHERE cardinality(acl) = 0" : "")
                    + " ORDER BY embedding <=> ?, source, chunk_index LIMIT 5")) {
                ps.setObject(1, new PGvector(embedder.embed(query)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1) + "#" + rs.getInt(2));
                    }
                }
            }
            c.rollback();
            return ids;
        }
    }

    private String explain(String query) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps =
                        c.prepareStatement("EXPLAIN SELECT source FROM documents ORDER BY embedding <=> ? LIMIT 5")) {
            ps.setObject(1, new PGvector(embedder.embed(query)));
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private static void sql(String statement) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                db.config().jdbcUrl(), db.config().user(), db.config().password());
    }
}
