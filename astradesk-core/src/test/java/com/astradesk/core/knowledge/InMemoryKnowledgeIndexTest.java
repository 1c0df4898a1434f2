package com.astradesk.core.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryKnowledgeIndexTest {
    private final Embedder embedder = Embedder.hashing(512);
    private final KnowledgeIndex index = KnowledgeIndex.inMemory(embedder);

    @BeforeEach
    void indexDocuments() {
        TestDocuments.index(
                index,
                embedder,
                "kb/password.md",
                "To reset your password, open the self-service portal and choose Forgot password.",
                Set.of());
        TestDocuments.index(
                index,
                embedder,
                "kb/vpn.md",
                "If the VPN connection drops, restart the VPN client.\n\nVPN access requires a hardware token.",
                Set.of());
        TestDocuments.index(
                index,
                embedder,
                "kb/runbooks/database.md",
                "Database failover: promote the replica, then restart the payments API.",
                Set.of("SRE"));
    }

    private List<KnowledgeChunk> ask(String text, Set<String> groups, int topK, double minScore) {
        return index.retrieve(new KnowledgeQuery(text, groups, topK, minScore));
    }

    @Test
    void should_rank_the_most_similar_chunk_first() {
        // when
        List<KnowledgeChunk> hits = ask("how do I reset my password", Set.of(), 5, 0.1);

        // then
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).source()).isEqualTo("kb/password.md");
        assertThat(hits.get(0).text()).contains("self-service portal");
        assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void should_return_at_most_top_k_chunks() {
        // when
        List<KnowledgeChunk> hits = ask("vpn", Set.of(), 1, 0.0);

        // then
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).source()).isEqualTo("kb/vpn.md");
    }

    @Test
    void should_drop_chunks_under_the_minimum_score() {
        // when
        List<KnowledgeChunk> unrelated = ask("quarterly sales forecast spreadsheet", Set.of(), 5, 0.3);
        List<KnowledgeChunk> related = ask("vpn connection drops", Set.of(), 5, 0.3);

        // then
        assertThat(unrelated).isEmpty();
        assertThat(related).isNotEmpty().allSatisfy(c -> assertThat(c.score()).isGreaterThanOrEqualTo(0.3));
    }

    @Test
    void should_hide_restricted_chunks_from_callers_without_a_shared_group() {
        // when
        List<KnowledgeChunk> anonymous = ask("database failover replica", Set.of(), 5, 0.1);
        List<KnowledgeChunk> support = ask("database failover replica", Set.of("it.support"), 5, 0.1);
        List<KnowledgeChunk> sre = ask("database failover replica", Set.of("Sre"), 5, 0.1);

        // then
        assertThat(anonymous).extracting(KnowledgeChunk::source).doesNotContain("kb/runbooks/database.md");
        assertThat(support).extracting(KnowledgeChunk::source).doesNotContain("kb/runbooks/database.md");
        assertThat(sre.get(0).source()).isEqualTo("kb/runbooks/database.md");
    }

    @Test
    void should_replace_a_source_and_forget_its_old_chunks() {
        // given
        String oldHash = index.contentHash("kb/vpn.md").orElseThrow();
        long before = index.size();

        // when
        TestDocuments.index(index, embedder, "kb/vpn.md", "The VPN was replaced by zero-trust access.", Set.of());

        // then
        assertThat(index.size()).isEqualTo(before - 1);
        assertThat(index.contentHash("kb/vpn.md")).isPresent().isNotEqualTo(java.util.Optional.of(oldHash));
        assertThat(index.contentHash("kb/vpn.md"))
                .contains(TestDocuments.sha256("The VPN was replaced by zero-trust access."));
        assertThat(ask("vpn client hardware token", Set.of(), 5, 0.0))
                .extracting(KnowledgeChunk::text)
                .noneMatch(t -> t.contains("hardware token"));
    }

    @Test
    void should_remove_a_source_and_report_how_many_chunks_went() {
        // when
        int removed = index.remove("kb/vpn.md");

        // then
        assertThat(removed).isEqualTo(2);
        assertThat(index.remove("kb/vpn.md")).isZero();
        assertThat(index.contentHash("kb/vpn.md")).isEmpty();
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void should_refuse_chunks_of_another_source_or_dimension() {
        // given
        var foreign = new DocumentChunk("kb/other.md", 0, "x", Set.of(), "h", embedder.embed("x"));
        var wrongDim = new DocumentChunk("kb/a.md", 0, "x", Set.of(), "h", new float[3]);

        // then
        assertThatThrownBy(() -> index.replace("kb/a.md", "h", List.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kb/other.md");
        assertThatThrownBy(() -> index.replace("kb/a.md", "h", List.of(wrongDim)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3-d");
    }

    @Test
    void should_never_show_a_mix_of_two_versions_of_a_source() throws InterruptedException {
        // given
        String v1 = "alpha rollout step one\n\nalpha rollout step two";
        String v2 =
                "alpha rollout step one revised\n\nalpha rollout step two revised\n\nalpha rollout step three revised";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> mixed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                TestDocuments.index(index, embedder, "kb/rollout.md", i % 2 == 0 ? v1 : v2, Set.of());
            }
        });

        // when
        writer.start();
        for (int i = 0; i < 2_000 && mixed.get() == null; i++) {
            List<KnowledgeChunk> hits = ask("alpha rollout step", Set.of(), 10, 0.0).stream()
                    .filter(c -> c.source().equals("kb/rollout.md"))
                    .toList();
            long revised =
                    hits.stream().filter(c -> c.text().endsWith("revised")).count();
            if (revised != 0 && revised != hits.size()) {
                mixed.set(hits.toString());
            }
        }
        stop.set(true);
        writer.join();

        // then
        assertThat(mixed.get()).isNull();
    }
}
