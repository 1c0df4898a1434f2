package com.astradesk.core.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.IngestReport;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.KnowledgeQuery;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo knowledge base (docs/kb) ingested into pgvector: idempotency, replacement, ACLs. */
class PostgresDocumentIngestIT {
    private static final Path KB = Path.of("..", "docs", "kb");
    private static TestDatabase db;
    private static PostgresStores stores;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        db = TestServices.createDatabase("ingest");
        stores = PostgresStores.open(db.config());
    }

    @AfterAll
    static void close() {
        stores.close();
        db.close();
    }

    @BeforeEach
    void emptyIndex() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE documents");
        }
    }

    @Test
    void should_ingest_the_knowledge_base_once_then_write_nothing_then_replace_only_a_changed_file() throws Exception {
        // given
        copyTree(KB, tmp);
        Embedder embedder = Embedder.hashing(384);
        KnowledgeIndex index = stores.knowledgeIndex(embedder);
        DocumentIngestor ingestor = DocumentIngestor.builder(index, embedder).build();

        // when: first ingest
        long start = System.nanoTime();
        IngestReport first = ingestor.ingest(tmp);
        double seconds = (System.nanoTime() - start) / 1e9;

        // then
        assertThat(first.failures()).isEmpty();
        assertThat(first.ingested()).isEqualTo(15);
        assertThat(index.size()).isEqualTo(first.chunksWritten());
        System.out.printf(
                "[PostgresDocumentIngestIT] %s (%.0f chunks/s, hashing embedder)%n",
                first.summary(), first.chunksWritten() / seconds);

        // when: the same files again
        long maxIdBefore = maxDocumentId();
        IngestReport second = ingestor.ingest(tmp);

        // then: nothing written
        assertThat(second.unchanged()).isEqualTo(15);
        assertThat(second.chunksWritten()).isZero();
        assertThat(maxDocumentId()).isEqualTo(maxIdBefore);

        // when: one file changes
        Files.writeString(tmp.resolve("mfa.md"), "# MFA\n\nHardware keys only from 2027: order one in the portal.\n");
        IngestReport third = ingestor.ingest(tmp);

        // then
        assertThat(third.ingested()).isEqualTo(1);
        assertThat(third.unchanged()).isEqualTo(14);
        assertThat(third.files())
                .filteredOn(f -> f.status() == IngestReport.Status.INGESTED)
                .extracting(IngestReport.FileOutcome::source)
                .containsExactly("mfa.md");
        assertThat(index.retrieve(new KnowledgeQuery("MFA hardware keys", Set.of(), 5, 0.0)))
                .extracting(KnowledgeChunk::text)
                .contains("MFA\n\nHardware keys only from 2027: order one in the portal.");
    }

    @Test
    void should_keep_sre_runbooks_from_callers_without_the_sre_group() {
        // given
        Embedder embedder = Embedder.hashing(384);
        KnowledgeIndex index = stores.knowledgeIndex(embedder);
        DocumentIngestor.builder(index, embedder).build().ingest(KB);
        KnowledgeQuery asViewer = new KnowledgeQuery("restart payments-api kubectl rollout", Set.of("viewer"), 5, 0.0);
        KnowledgeQuery asSre = new KnowledgeQuery("restart payments-api kubectl rollout", Set.of("sre"), 5, 0.0);

        // when
        List<KnowledgeChunk> viewer = index.retrieve(asViewer);
        List<KnowledgeChunk> sre = index.retrieve(asSre);

        // then
        assertThat(viewer)
                .extracting(KnowledgeChunk::source)
                .doesNotContain("runbooks/payments-api-restart.md", "runbooks/database-failover.md");
        assertThat(sre.get(0).source()).isEqualTo("runbooks/payments-api-restart.md");
        assertThat(sre.get(0).text()).startsWith("Runbook: restart payments-api > ");
    }

    private static long maxDocumentId() throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        db.config().jdbcUrl(), db.config().user(), db.config().password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM documents")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                db.config().jdbcUrl(), db.config().user(), db.config().password());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
