package com.astradesk.core.store.contract;

import static com.astradesk.core.store.contract.KnowledgeFixtures.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.knowledge.DocumentChunk;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.KnowledgeQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KnowledgeIndex} must do; extended by the in-memory test and each adapter's IT. */
public abstract class AbstractKnowledgeIndexContractTest {
    protected KnowledgeIndex index;
    protected Embedder embedder;

    /** The embedder the index under test uses (384 dimensions for pgvector). */
    protected abstract Embedder newEmbedder();

    /** An empty index using {@code embedder}. */
    protected abstract KnowledgeIndex emptyIndex(Embedder embedder);

    @BeforeEach
    void freshIndex() {
        embedder = newEmbedder();
        index = emptyIndex(embedder);
    }

    private void add(String source, String sha, Set<String> acl, String... texts) {
        List<DocumentChunk> chunks = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            chunks.add(chunk(embedder, source, i, texts[i], acl, sha));
        }
        index.replace(source, sha, chunks);
    }

    private static KnowledgeQuery query(String text, Set<String> groups, int topK) {
        return new KnowledgeQuery(text, groups, topK, -1.0);
    }

    @Test
    void should_rank_the_best_matching_chunk_first_with_scores_descending() {
        // given
        add("vpn.md", "h1", Set.of(), "Reset the VPN password on the SSO page", "Install the VPN client");
        add("printer.md", "h2", Set.of(), "Release print jobs with your badge at the printer");
        add("db.md", "h3", Set.of(), "Promote the database replica during failover");

        // when
        List<KnowledgeChunk> hits = index.retrieve(query("how do I reset my VPN password", Set.of(), 3));

        // then
        assertThat(hits).hasSize(3);
        assertThat(hits.get(0).source()).isEqualTo("vpn.md");
        assertThat(hits.get(0).chunkIndex()).isZero();
        assertThat(hits.get(0).text()).isEqualTo("Reset the VPN password on the SSO page");
        assertThat(hits).extracting(KnowledgeChunk::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void should_return_at_most_top_k_chunks() {
        // given
        Random random = new Random(7);
        index.replace("many.md", "h", KnowledgeFixtures.source(embedder, random, "many.md", 0, 12, Set.of(), 0));

        // when / then
        assertThat(index.retrieve(query("VPN tunnel fails", Set.of(), 5))).hasSize(5);
        assertThat(index.retrieve(query("VPN tunnel fails", Set.of(), 1))).hasSize(1);
    }

    @Test
    void should_drop_chunks_under_the_minimum_score() {
        // given
        add("vpn.md", "h1", Set.of(), "Reset the VPN password on the SSO page");
        add("printer.md", "h2", Set.of(), "Toner replacement for floor printers");

        // when
        List<KnowledgeChunk> hits =
                index.retrieve(new KnowledgeQuery("reset the VPN password on the SSO page", Set.of(), 5, 0.5));

        // then
        assertThat(hits).extracting(KnowledgeChunk::source).containsExactly("vpn.md");
        assertThat(hits.get(0).score()).isGreaterThan(0.99);
    }

    @Test
    void should_show_restricted_chunks_only_to_callers_sharing_a_group() {
        // given
        add("runbook.md", "h1", Set.of("sre"), "Restart payments-api one pod at a time");
        add("faq.md", "h2", Set.of(), "Payments questions go to the payments team");

        // when
        List<KnowledgeChunk> viewer = index.retrieve(query("restart payments-api", Set.of("viewer"), 5));
        List<KnowledgeChunk> anonymous = index.retrieve(query("restart payments-api", Set.of(), 5));
        List<KnowledgeChunk> sre = index.retrieve(query("restart payments-api", Set.of("viewer", "sre"), 5));

        // then
        assertThat(viewer).extracting(KnowledgeChunk::source).containsExactly("faq.md");
        assertThat(anonymous).extracting(KnowledgeChunk::source).containsExactly("faq.md");
        assertThat(sre).extracting(KnowledgeChunk::source).containsExactly("runbook.md", "faq.md");
    }

    @Test
    void should_match_groups_case_insensitively() {
        // given
        add("runbook.md", "h1", Set.of("SRE"), "Restart payments-api one pod at a time");

        // when / then
        assertThat(index.retrieve(query("restart payments-api", Set.of("Sre"), 5)))
                .hasSize(1);
    }

    @Test
    void should_not_starve_public_results_when_most_close_chunks_are_restricted() {
        // given: 60 restricted chunks right next to the query, 3 public ones further away
        Random random = new Random(11);
        for (int s = 0; s < 3; s++) {
            String source = "restricted-" + s + ".md";
            index.replace(
                    source, "h", KnowledgeFixtures.source(embedder, random, source, 3, 20, Set.of("sre"), s * 100));
        }
        add(
                "public.md",
                "hp",
                Set.of(),
                "payments-api checkout errors overview",
                "payments-api refund job notes",
                "card authorisation FAQ");

        // when
        List<KnowledgeChunk> hits =
                index.retrieve(query("the payments-api payment worker fails after a new release", Set.of(), 3));

        // then
        assertThat(hits).hasSize(3).allSatisfy(h -> assertThat(h.source()).isEqualTo("public.md"));
    }

    @Test
    void should_replace_every_chunk_of_a_source_and_its_content_hash() {
        // given
        add("vpn.md", "old", Set.of(), "Old VPN client setup", "Old VPN portal address", "Old VPN FAQ");
        long before = index.size();

        // when
        add("vpn.md", "new", Set.of(), "The VPN was replaced by zero trust access");

        // then
        assertThat(index.size()).isEqualTo(before - 2);
        assertThat(index.contentHash("vpn.md")).contains("new");
        assertThat(index.retrieve(query("Old VPN client setup", Set.of(), 5)))
                .extracting(KnowledgeChunk::text)
                .containsExactly("The VPN was replaced by zero trust access");
    }

    @Test
    void should_remove_a_source_and_report_how_many_chunks_went() {
        // given
        add("printer.md", "h", Set.of(), "Toner", "Paper jam");
        add("mfa.md", "h", Set.of(), "Authenticator app");

        // when
        int removed = index.remove("printer.md");

        // then
        assertThat(removed).isEqualTo(2);
        assertThat(index.remove("printer.md")).isZero();
        assertThat(index.contentHash("printer.md")).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void should_know_no_content_hash_for_an_unknown_source() {
        assertThat(index.contentHash("never-ingested.md")).isEmpty();
    }

    @Test
    void should_reject_a_chunk_that_belongs_to_another_source() {
        DocumentChunk foreign = chunk(embedder, "other.md", 0, "text", Set.of(), "h");

        assertThatThrownBy(() -> index.replace("vpn.md", "h", List.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other.md");
    }

    @Test
    void should_reject_a_chunk_whose_vector_has_the_wrong_dimension() {
        DocumentChunk wrong = new DocumentChunk("vpn.md", 0, "text", Set.of(), "h", new float[] {1f, 0f});

        assertThatThrownBy(() -> index.replace("vpn.md", "h", List.of(wrong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vpn.md");
    }

    @Test
    void should_return_nothing_for_a_blank_query() {
        add("vpn.md", "h", Set.of(), "VPN");

        assertThat(index.retrieve(query("   ", Set.of(), 5))).isEmpty();
    }
}
