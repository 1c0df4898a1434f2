package com.astradesk.core.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.astradesk.core.knowledge.IngestReport.FileOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentIngestorTest {
    private static final String VPN = "# VPN\n\n## Setup\n\nInstall the VPN client from the portal.\n\n"
            + "## Password reset\n\nReset the VPN password at https://sso.example.com.\n";

    @TempDir
    Path dir;

    private final RecordingKnowledgeIndex index = new RecordingKnowledgeIndex();
    private final CountingEmbedder embedder = new CountingEmbedder();
    private final DocumentIngestor ingestor =
            DocumentIngestor.builder(index, embedder).build();

    @Test
    void should_index_a_markdown_file_as_heading_aware_chunks() throws IOException {
        // given
        write("vpn.md", VPN);

        // when
        IngestReport report = ingestor.ingest(dir.resolve("vpn.md"));

        // then
        assertThat(report.ingested()).isEqualTo(1);
        assertThat(report.chunksWritten()).isEqualTo(2);
        assertThat(index.chunks.get("vpn.md"))
                .extracting(DocumentChunk::text)
                .containsExactly(
                        "VPN > Setup\n\nInstall the VPN client from the portal.",
                        "VPN > Password reset\n\nReset the VPN password at https://sso.example.com.");
        assertThat(index.chunks.get("vpn.md"))
                .extracting(DocumentChunk::chunkIndex)
                .containsExactly(0, 1);
        assertThat(index.chunks.get("vpn.md"))
                .allSatisfy(c -> assertThat(c.acl()).isEmpty());
    }

    @Test
    void should_write_nothing_when_an_unchanged_file_is_ingested_again() throws IOException {
        // given
        write("vpn.md", VPN);
        ingestor.ingest(dir);
        int writes = index.writes.size();

        // when
        IngestReport second = ingestor.ingest(dir);

        // then
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(second.ingested()).isZero();
        assertThat(second.chunksWritten()).isZero();
        assertThat(index.writes).hasSize(writes);
    }

    @Test
    void should_replace_the_chunks_of_a_changed_file() throws IOException {
        // given
        write("vpn.md", VPN);
        ingestor.ingest(dir);
        String oldHash = index.hashes.get("vpn.md");

        // when
        write("vpn.md", "# VPN\n\nThe VPN is retired; use ZTNA.\n");
        IngestReport report = ingestor.ingest(dir);

        // then
        assertThat(report.ingested()).isEqualTo(1);
        assertThat(index.chunks.get("vpn.md"))
                .extracting(DocumentChunk::text)
                .containsExactly("VPN\n\nThe VPN is retired; use ZTNA.");
        assertThat(index.hashes.get("vpn.md")).isNotEqualTo(oldHash);
    }

    @Test
    void should_take_the_acl_from_front_matter_over_the_parameter() throws IOException {
        // given
        write("oncall.md", "---\nacl: [SRE]\n---\n# On-call\n\nPager rota.\n");
        write("public.md", "# Printers\n\nAsk the desk.\n");

        // when
        ingestor.ingest(dir, Set.of("IT.Support"));

        // then
        assertThat(index.chunks.get("oncall.md"))
                .allSatisfy(c -> assertThat(c.acl()).containsExactly("sre"));
        assertThat(index.chunks.get("public.md"))
                .allSatisfy(c -> assertThat(c.acl()).containsExactly("it.support"));
        assertThat(index.chunks.get("oncall.md").get(0).text()).doesNotContain("acl:");
    }

    @Test
    void should_reindex_an_unchanged_file_when_its_acl_changes() throws IOException {
        // given
        write("runbook.md", "# Runbook\n\nRestart payments-api.\n");
        ingestor.ingest(dir);

        // when
        IngestReport report = ingestor.ingest(dir, Set.of("sre"));

        // then
        assertThat(report.ingested()).isEqualTo(1);
        assertThat(index.chunks.get("runbook.md"))
                .allSatisfy(c -> assertThat(c.acl()).containsExactly("sre"));
    }

    @Test
    void should_report_each_bad_file_with_its_reason_and_ingest_the_rest() throws IOException {
        // given
        write("good.md", VPN);
        write("notes.txt", "Plain text notes.\n\nSecond paragraph.");
        Files.write(dir.resolve("empty.md"), new byte[0]);
        Files.write(dir.resolve("binary.md"), new byte[] {'#', ' ', 'x', 0, 1, 2});
        Files.write(dir.resolve("latin1.md"), "Za\u017c\u00f3\u0142\u0107".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(dir.resolve("broken.md"), new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28});
        write("logo.png", "not really a png");
        write("huge.md", "# Big\n\n" + "word ".repeat(300));
        write("blank.txt", "   \n\n  ");
        write(".hidden.md", "# skipped\n\ntext");
        DocumentIngestor small =
                DocumentIngestor.builder(index, embedder).withMaxFileBytes(1000).build();

        // when
        IngestReport report = small.ingest(dir);

        // then
        assertThat(report.ingested()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(7);
        assertThat(report.failures())
                .extracting(FileOutcome::source, f -> f.error().orElseThrow())
                .containsExactlyInAnyOrder(
                        tuple("empty.md", "empty file"),
                        tuple("binary.md", "binary content (NUL byte at offset 3), not a text document"),
                        tuple("latin1.md", "invalid UTF-8 at byte offset 3"),
                        tuple("broken.md", "invalid UTF-8 at byte offset 3"),
                        tuple("logo.png", "unsupported file type '.png'; supported: .md, .markdown, .txt"),
                        tuple("huge.md", "too large: 1507 bytes (limit 1000)"),
                        tuple("blank.txt", "empty document (only whitespace)"));
        assertThat(index.chunks).containsOnlyKeys("good.md", "notes.txt");
    }

    @Test
    void should_name_sources_by_their_path_below_the_ingested_directory() throws IOException {
        // given
        Files.createDirectories(dir.resolve("runbooks/db"));
        write("runbooks/db/failover.md", "# Failover\n\nPromote the replica.\n");

        // when
        IngestReport report = ingestor.ingest(dir);

        // then
        assertThat(report.files()).extracting(FileOutcome::source).containsExactly("runbooks/db/failover.md");
        assertThat(index.chunks).containsKey("runbooks/db/failover.md");
    }

    @Test
    void should_embed_chunks_in_batches_of_the_configured_size() throws IOException {
        // given
        StringBuilder md = new StringBuilder("# Many\n\n");
        for (int i = 0; i < 7; i++) {
            md.append("## Section ").append(i).append("\n\nText ").append(i).append(".\n\n");
        }
        write("many.md", md.toString());
        DocumentIngestor batched =
                DocumentIngestor.builder(index, embedder).withBatchSize(3).build();

        // when
        IngestReport report = batched.ingest(dir);

        // then
        assertThat(report.chunksWritten()).isEqualTo(7);
        assertThat(embedder.batches).containsExactly(3, 3, 1);
    }

    @Test
    void should_report_a_missing_path_as_a_failure() {
        IngestReport report = ingestor.ingest(dir.resolve("nope"));

        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.failures().get(0).error()).contains("no such file or directory");
    }

    @Test
    void should_ingest_an_uploaded_document_given_as_bytes() {
        // when
        IngestReport report = ingestor.ingestDocument(
                "uploads/mfa.md", "# MFA\n\nUse the authenticator app.".getBytes(StandardCharsets.UTF_8), Set.of());
        IngestReport again = ingestor.ingestDocument(
                "uploads/mfa.md", "# MFA\n\nUse the authenticator app.".getBytes(StandardCharsets.UTF_8), Set.of());
        IngestReport bad = ingestor.ingestDocument("x.pdf", new byte[] {1}, Set.of());

        // then
        assertThat(report.ingested()).isEqualTo(1);
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(bad.failures().get(0).error().orElseThrow()).startsWith("unsupported file type '.pdf'");
    }

    @Test
    void should_fail_fast_on_invalid_builder_settings_naming_the_parameter() {
        assertThatThrownBy(() -> DocumentIngestor.builder(index, embedder).withChunkSize(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunkSize");
        assertThatThrownBy(() -> DocumentIngestor.builder(index, embedder)
                        .withChunkSize(200)
                        .withChunkOverlap(150)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunkOverlap");
    }

    @Test
    void should_summarise_the_report_in_one_line() throws IOException {
        write("vpn.md", VPN);

        IngestReport report = ingestor.ingest(dir);

        assertThat(report.summary()).startsWith("1 ingested, 0 unchanged, 0 failed; 2 chunks written in ");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
