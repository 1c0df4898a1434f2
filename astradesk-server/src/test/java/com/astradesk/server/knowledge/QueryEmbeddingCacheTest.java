package com.astradesk.server.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.knowledge.Embedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryEmbeddingCacheTest {
    private final AtomicInteger calls = new AtomicInteger();
    private final Embedder counting = new Embedder() {
        private final Embedder hashing = Embedder.hashing(64);

        @Override
        public int dimension() {
            return 64;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            calls.addAndGet(texts.size());
            return hashing.embedAll(texts);
        }
    };

    @Test
    void should_embed_a_repeated_question_once_and_hand_out_independent_copies() {
        Embedder cached = QueryEmbeddingCache.wrap(counting, 100);

        float[] first = cached.embed("How do I reset my VPN password?");
        first[0] = 42f;
        float[] second = cached.embed("How do I reset my VPN password?");

        assertThat(calls).hasValue(1);
        assertThat(second).isEqualTo(Embedder.hashing(64).embed("How do I reset my VPN password?"));
        assertThat(cached.embed("another question")).hasSize(64);
        assertThat(calls).hasValue(2);
    }

    @Test
    void should_send_batches_to_the_model_and_stay_bounded() {
        QueryEmbeddingCache cached = (QueryEmbeddingCache) QueryEmbeddingCache.wrap(counting, 10);

        cached.embedAll(List.of("a", "b"));
        cached.embedAll(List.of("a", "b"));
        for (int i = 0; i < 100; i++) {
            cached.embed("question " + i);
        }

        assertThat(calls).hasValue(104);
        assertThat(cached.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void should_return_the_model_itself_when_off_and_refuse_a_negative_size() {
        assertThat(QueryEmbeddingCache.wrap(counting, 0)).isSameAs(counting);
        assertThatThrownBy(() -> QueryEmbeddingCache.wrap(counting, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
