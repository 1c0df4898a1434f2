package com.astradesk.server.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.KnowledgeQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBootstrapTest {
    @TempDir
    Path home;

    private final Embedder hashing = Embedder.hashing(64);
    private final KnowledgeIndex index = KnowledgeIndex.inMemory(hashing);

    @Test
    void should_be_ready_with_an_empty_knowledge_base_when_the_directory_is_missing() throws Exception {
        // given
        var bootstrap = new KnowledgeBootstrap(
                hashing,
                DocumentIngestor.builder(index, hashing).build(),
                Optional.of(home.resolve("no-such-kb")),
                Duration.ofSeconds(1));

        // when
        bootstrap.load();

        // then
        assertThat(bootstrap.isReady()).isTrue();
        bootstrap.readinessCheck().probe();
        assertThat(bootstrap.report()).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void should_stay_not_ready_naming_the_failure_when_the_model_cannot_load() {
        // given
        Embedder broken = new Embedder() {
            @Override
            public int dimension() {
                return 64;
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                throw new IllegalStateException("model file missing");
            }
        };
        var bootstrap = new KnowledgeBootstrap(
                broken, DocumentIngestor.builder(index, broken).build(), Optional.empty(), Duration.ofSeconds(1));

        // when
        bootstrap.load();

        // then
        assertThat(bootstrap.isDone()).isTrue();
        assertThat(bootstrap.isReady()).isFalse();
        assertThatThrownBy(() -> bootstrap.readinessCheck().probe()).hasMessageContaining("model file missing");
        assertThat(bootstrap.readinessCheck().name()).isEqualTo("knowledge");
    }

    @Test
    void should_pass_queries_through_without_waiting_once_loaded() {
        // given
        var bootstrap = new KnowledgeBootstrap(
                hashing, DocumentIngestor.builder(index, hashing).build(), Optional.empty(), Duration.ofHours(1));
        bootstrap.load();
        List<KnowledgeChunk> canned = List.of(new KnowledgeChunk("a.md", 0, "text", 0.9));

        // when
        List<KnowledgeChunk> found =
                bootstrap.retriever(q -> canned).retrieve(new KnowledgeQuery("anything", Set.of(), 5, 0.1));

        // then
        assertThat(found).isEqualTo(canned);
    }
}
