package com.astradesk.core.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashingEmbedderTest {
    private final Embedder embedder = Embedder.hashing(256);

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void should_return_the_same_unit_vector_for_the_same_text() {
        // when
        float[] a = embedder.embed("Restart the payments API");
        float[] b = embedder.embed("Restart the payments API");

        // then
        assertThat(a).hasSize(256).containsExactly(b);
        assertThat(norm(a)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void should_ignore_case_and_diacritics() {
        // when
        float[] folded = embedder.embed("zresetuj haslo do uslugi");
        float[] original = embedder.embed("Zresetuj HASŁO do Usługi");

        // then
        assertThat(dot(folded, original)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void should_score_shared_words_higher_than_unrelated_text() {
        // given
        float[] query = embedder.embed("vpn connection drops");

        // when
        double related = dot(query, embedder.embed("If the VPN connection drops, reconnect the client."));
        double unrelated = dot(query, embedder.embed("The printer on floor 3 is out of toner."));

        // then
        assertThat(related).isGreaterThan(0.3);
        assertThat(unrelated).isLessThan(related);
    }

    @Test
    void should_match_inflected_forms_of_a_word() {
        // given
        float[] query = embedder.embed("zresetować hasło");

        // then
        assertThat(dot(query, embedder.embed("zresetujesz hasło"))).isGreaterThan(0.5);
        assertThat(dot(embedder.embed("passwords"), embedder.embed("password"))).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void should_count_word_order_through_bigrams() {
        // given
        float[] query = embedder.embed("service restart");

        // then
        assertThat(dot(query, embedder.embed("service restart")))
                .isGreaterThan(dot(query, embedder.embed("restart service")));
    }

    @Test
    void should_embed_text_without_words_as_the_zero_vector() {
        assertThat(norm(embedder.embed("?! …"))).isZero();
    }

    @Test
    void should_embed_a_batch_in_order() {
        // when
        List<float[]> batch = embedder.embedAll(List.of("one", "two"));

        // then
        assertThat(batch.get(0)).containsExactly(embedder.embed("one"));
        assertThat(batch.get(1)).containsExactly(embedder.embed("two"));
    }

    @Test
    void should_refuse_a_tiny_dimension() {
        assertThatThrownBy(() -> Embedder.hashing(8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension");
    }
}
