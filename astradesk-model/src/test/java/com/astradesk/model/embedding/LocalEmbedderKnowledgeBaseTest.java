package com.astradesk.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.IngestReport;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.KnowledgeQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo knowledge base (docs/kb) with the real local model: semantic retrieval and ingestion speed. */
class LocalEmbedderKnowledgeBaseTest {
    private static KnowledgeIndex index;
    private static IngestReport report;

    @BeforeAll
    static void ingest() {
        LocalEmbedder embedder = LocalEmbedder.create().warmUp();
        index = KnowledgeIndex.inMemory(embedder);
        long start = System.nanoTime();
        report = DocumentIngestor.builder(index, embedder).build().ingest(Path.of("..", "docs", "kb"));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "[LocalEmbedderKnowledgeBaseTest] %s (%.0f chunks/s with %s)%n",
                report.summary(), report.chunksWritten() / seconds, LocalEmbedder.MODEL_NAME);
    }

    @Test
    void should_ingest_every_knowledge_base_document() {
        assertThat(report.failures()).isEmpty();
        assertThat(report.ingested()).isEqualTo(15);
        assertThat(index.size()).isEqualTo(report.chunksWritten());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "I forgot my VPN password, how do I change it?    | vpn-password-reset.md",
                "who gets paged if the on-call engineer does not answer | on-call-policy.md",
                "how fast must we update the status page in a critical outage | incident-severity-levels.md",
                "the printer says paper jam                         | printer-and-wifi.md",
                "I got a new phone and need to move my authenticator | mfa.md",
            })
    void should_rank_the_relevant_document_first_for_a_paraphrased_question(String question, String source) {
        // when
        List<KnowledgeChunk> hits = index.retrieve(new KnowledgeQuery(question, Set.of(), 5, 0.0));

        // then
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).source()).as("best hit for %s", question).isEqualTo(source);
    }

    @Test
    void should_keep_the_sre_only_runbook_from_a_caller_without_the_group() {
        // when
        List<KnowledgeChunk> viewer = index.retrieve(
                new KnowledgeQuery("restart payments-api with kubectl rollout", Set.of("viewer"), 5, 0.0));
        List<KnowledgeChunk> sre =
                index.retrieve(new KnowledgeQuery("restart payments-api with kubectl rollout", Set.of("sre"), 5, 0.0));

        // then
        assertThat(viewer).extracting(KnowledgeChunk::source).doesNotContain("runbooks/payments-api-restart.md");
        assertThat(sre.get(0).source()).isEqualTo("runbooks/payments-api-restart.md");
    }
}
