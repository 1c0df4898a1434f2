package com.astradesk.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LangChain4jEmbedderTest {

    /** A fake remote model: vector = [length, vowels, 1]; can be told to fail or to return a wrong size. */
    static final class FakeModel implements EmbeddingModel {
        final List<Integer> calls = new ArrayList<>();
        boolean fail;
        int dims = 3;

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            calls.add(segments.size());
            if (fail) {
                throw new IllegalStateException("HTTP 503 from embeddings endpoint");
            }
            List<Embedding> out = new ArrayList<>();
            for (TextSegment s : segments) {
                float[] v = new float[dims];
                v[0] = s.text().length();
                if (dims > 1) {
                    v[1] = s.text().replaceAll("[^aeiou]", "").length();
                }
                if (dims > 2) {
                    v[2] = 1;
                }
                out.add(Embedding.from(v));
            }
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public String modelName() {
            return "fake-remote";
        }
    }

    @Test
    void should_embed_a_batch_in_one_model_call_keeping_the_order() {
        // given
        FakeModel model = new FakeModel();
        LangChain4jEmbedder embedder = LangChain4jEmbedder.of(model);

        // when
        List<float[]> vectors = embedder.embedAll(List.of("abc", "aeiou!"));

        // then
        assertThat(embedder.dimension()).isEqualTo(3);
        assertThat(model.calls).containsExactly(2);
        assertThat(vectors.get(0)).containsExactly(3f, 1f, 1f);
        assertThat(vectors.get(1)).containsExactly(6f, 5f, 1f);
    }

    @Test
    void should_wrap_a_model_failure_in_an_embedding_exception_naming_the_model() {
        // given
        FakeModel model = new FakeModel();
        model.fail = true;

        // when / then
        assertThatThrownBy(() -> LangChain4jEmbedder.of(model).embedAll(List.of("x")))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("fake-remote")
                .hasMessageContaining("HTTP 503")
                .satisfies(e -> assertThat(((EmbeddingException) e).model()).isEqualTo("fake-remote"));
    }

    @Test
    void should_reject_vectors_whose_size_differs_from_the_declared_dimension() {
        // given
        FakeModel model = new FakeModel();
        model.dims = 2;

        // when / then
        assertThatThrownBy(() -> LangChain4jEmbedder.of(model, 3).embedAll(List.of("x")))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("2 dimensions, expected 3");
    }
}
