package com.astradesk.server.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.knowledge.DocumentChunk;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.KnowledgeQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkEmbeddingCacheTest {
    private static final String MODEL = "test-model";

    @TempDir
    Path home;

    private Path kb;
    private Path file;
    private final CountingEmbedder model = new CountingEmbedder(Embedder.hashing(64));

    @BeforeEach
    void documents() throws Exception {
        kb = Files.createDirectories(home.resolve("kb"));
        file = home.resolve("var/knowledge/chunks.bin");
        Files.writeString(kb.resolve("vpn.md"), "# VPN\n\nReset the VPN password in the self-service portal.\n");
        Files.writeString(kb.resolve("mfa.md"), "# MFA\n\nEnrol a second factor before the first sign-in.\n");
    }

    /** One server start: a fresh in-memory index, the cache read from the file, ingested, the file written. */
    private RecordingIndex start() {
        ChunkEmbeddingCache cache = ChunkEmbeddingCache.open(file, MODEL, 64);
        RecordingIndex index = new RecordingIndex(KnowledgeIndex.inMemory(model));
        DocumentIngestor.builder(index, cache.over(model)).build().ingest(kb);
        cache.save();
        return index;
    }

    @Test
    void should_embed_no_chunk_again_on_a_later_start_when_no_document_changed() {
        // given
        RecordingIndex first = start();
        List<String> embeddedFirst = List.copyOf(model.texts);
        model.texts.clear();

        // when
        RecordingIndex second = start();

        // then
        assertThat(embeddedFirst).hasSize(2);
        assertThat(model.texts).isEmpty();
        assertThat(second.chunks.keySet()).isEqualTo(first.chunks.keySet());
        first.chunks.forEach((source, chunk) ->
                assertThat(second.chunks.get(source).embedding()).containsExactly(chunk.embedding()));
    }

    @Test
    void should_embed_only_the_changed_document_again_with_the_vector_of_its_new_text() throws Exception {
        // given
        start();
        model.texts.clear();
        Files.writeString(kb.resolve("vpn.md"), "# VPN\n\nThe VPN password is reset by the service desk now.\n");

        // when
        RecordingIndex index = start();

        // then
        assertThat(model.texts).singleElement().asString().contains("service desk");
        DocumentChunk vpn = index.chunks.get("vpn.md");
        assertThat(vpn.text()).contains("service desk");
        assertThat(vpn.embedding()).containsExactly(Embedder.hashing(64).embed(vpn.text()));
    }

    @Test
    void should_drop_the_vectors_of_deleted_documents_from_the_file() throws Exception {
        // given
        start();
        Files.delete(kb.resolve("mfa.md"));
        start();
        Files.writeString(kb.resolve("mfa.md"), "# MFA\n\nEnrol a second factor before the first sign-in.\n");
        model.texts.clear();

        // when
        start();

        // then the deleted document's chunk was no longer cached
        assertThat(model.texts).singleElement().asString().contains("second factor");
    }

    @Test
    void should_ignore_vectors_of_another_model() {
        // given
        start();
        model.texts.clear();

        // when
        ChunkEmbeddingCache other = ChunkEmbeddingCache.open(file, "another-model", 64);
        DocumentIngestor.builder(KnowledgeIndex.inMemory(model), other.over(model))
                .build()
                .ingest(kb);

        // then
        assertThat(model.texts).hasSize(2);
        assertThat(other.hits()).isZero();
    }

    @Test
    void should_embed_everything_again_when_the_file_is_damaged() throws Exception {
        // given
        start();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        model.texts.clear();

        // when
        RecordingIndex index = start();

        // then
        assertThat(model.texts).hasSize(2);
        assertThat(index.size()).isEqualTo(2);
        model.texts.clear();
        start();
        assertThat(model.texts).as("the damaged file was replaced").isEmpty();
    }

    @Test
    void should_not_rewrite_the_file_when_every_vector_came_from_it() {
        // given
        start();
        ChunkEmbeddingCache cache = ChunkEmbeddingCache.open(file, MODEL, 64);
        DocumentIngestor.builder(KnowledgeIndex.inMemory(model), cache.over(model))
                .build()
                .ingest(kb);

        // when
        boolean written = cache.save();

        // then
        assertThat(written).isFalse();
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isZero();
    }

    /** The in-memory index, keeping the last chunk written per source. */
    private static final class RecordingIndex implements KnowledgeIndex {
        private final KnowledgeIndex delegate;
        final Map<String, DocumentChunk> chunks = new TreeMap<>();

        RecordingIndex(KnowledgeIndex delegate) {
            this.delegate = delegate;
        }

        @Override
        public void replace(String source, String contentSha256, List<DocumentChunk> written) {
            written.forEach(c -> chunks.put(source, c));
            delegate.replace(source, contentSha256, written);
        }

        @Override
        public int remove(String source) {
            chunks.remove(source);
            return delegate.remove(source);
        }

        @Override
        public Optional<String> contentHash(String source) {
            return delegate.contentHash(source);
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public List<KnowledgeChunk> retrieve(KnowledgeQuery query) {
            return delegate.retrieve(query);
        }
    }

    /** The model, recording the texts it was asked to embed. */
    private static final class CountingEmbedder implements Embedder {
        private final Embedder delegate;
        final List<String> texts = new ArrayList<>();

        CountingEmbedder(Embedder delegate) {
            this.delegate = delegate;
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public synchronized List<float[]> embedAll(List<String> batch) {
            texts.addAll(batch);
            return delegate.embedAll(batch);
        }
    }
}
