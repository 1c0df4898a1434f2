package com.astradesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code POST /v1/documents} with a valid token leaves one {@code documents.ingest} audit record. */
class DocumentAuditHttpTest {
    @TempDir
    Path home;

    private final List<AuditRecord> audits = new CopyOnWriteArrayList<>();
    private AstraDeskServer server;
    private HttpHarness http;
    private DevIssuer issuer;

    @BeforeEach
    void start() {
        Embedder embedder = Embedder.hashing(128);
        KnowledgeIndex index = KnowledgeIndex.inMemory(embedder);
        issuer = DevIssuer.loadOrCreate(home.resolve("jwk.json"));
        server = AstraDeskServer.builder()
                .withToolRegistry(new TestFixtures().registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(issuer))
                .withDocumentIngestor(DocumentIngestor.builder(index, embedder).build(), audits::add)
                .build()
                .start();
        http = new HttpHarness(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String subject, String role, String body) {
        return http.postJson(
                "/v1/documents", issuer.mint(subject, List.of(role), List.of(), Duration.ofMinutes(5)), body);
    }

    @Test
    void should_audit_an_ingested_document_with_its_source_acl_and_chunks() {
        // when
        HttpResponse<String> r = post(
                "kim",
                "kb.admin",
                "{\"source\":\"faq/wifi.md\",\"content\":\"# Wi-Fi\\n\\nUse the Corp network.\",\"acl\":[\"Staff\"]}");

        // then
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(audits).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("documents.ingest");
            assertThat(a.actor()).isEqualTo("kim");
            assertThat(a.decision()).isEqualTo(AuditDecision.ALLOWED);
            assertThat(a.args()).containsEntry("source", "faq/wifi.md").containsEntry("status", "ingested");
            assertThat(a.args().get("acl").toString()).contains("Staff");
            assertThat(a.requestId()).isPresent();
        });
    }

    @Test
    void should_audit_a_caller_without_the_role_as_denied() {
        // when
        HttpResponse<String> r = post("eve", "viewer", "{\"source\":\"x.md\",\"content\":\"text\"}");

        // then
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(audits).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("eve");
            assertThat(a.decision()).isEqualTo(AuditDecision.DENIED);
        });
    }

    @Test
    void should_audit_a_rejected_document_as_an_error_with_the_reason() {
        // when
        HttpResponse<String> r =
                post("kim", "kb.admin", "{\"source\":\"x.md\",\"content\":\"---\\nacl: [a]\\n---\\n\"}");

        // then
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(audits).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo(AuditDecision.ERROR);
            assertThat(a.args()).containsKey("error");
        });
    }
}
