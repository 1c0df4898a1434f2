package com.astradesk.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalEmbedderTest {
    private static LocalEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = LocalEmbedder.create().warmUp();
    }

    @Test
    void should_produce_unit_length_vectors_of_384_dimensions() {
        // when
        float[] v = embedder.embed("How do I reset my VPN password?");

        // then
        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(v).hasSize(384);
        assertThat(norm(v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void should_place_paraphrases_closer_than_unrelated_texts() {
        // given
        List<float[]> v = embedder.embedAll(List.of(
                "How do I reset my VPN password?",
                "I forgot the password for the VPN, how can I change it?",
                "The printer on the third floor is out of toner."));

        // when
        double paraphrase = cosine(v.get(0), v.get(1));
        double unrelated = cosine(v.get(0), v.get(2));

        // then
        assertThat(paraphrase).isGreaterThan(0.6).isGreaterThan(unrelated + 0.3);
    }

    @Test
    void should_give_the_same_vectors_in_a_batch_as_one_by_one() {
        // given
        List<String> texts = List.of("restart payments-api", "polityka dyżurów", "MFA push");

        // when
        List<float[]> batch = embedder.embedAll(texts);

        // then
        for (int i = 0; i < texts.size(); i++) {
            assertThat(cosine(batch.get(i), embedder.embed(texts.get(i)))).isGreaterThan(0.999);
        }
    }

    @Test
    void should_reject_a_blank_text_naming_its_position() {
        assertThatThrownBy(() -> embedder.embedAll(List.of("fine", "  ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text 1 is blank");
    }

    @Test
    void should_return_an_empty_list_for_an_empty_batch() {
        assertThat(embedder.embedAll(List.of())).isEmpty();
    }

    @Test
    void should_embed_a_batch_of_short_texts_at_a_usable_rate() {
        // given
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            texts.add("Runbook step " + i + ": check the dashboard, then restart the service if needed.");
        }

        // when
        long start = System.nanoTime();
        List<float[]> vectors = embedder.embedAll(texts);
        double seconds = (System.nanoTime() - start) / 1e9;

        // then: a loose floor (the machine is shared); ~200/s is typical
        assertThat(vectors).hasSize(64);
        assertThat(64 / seconds).isGreaterThan(10);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
