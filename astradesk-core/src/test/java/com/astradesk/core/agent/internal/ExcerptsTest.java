package com.astradesk.core.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptsTest {

    @Test
    void should_start_at_the_sentence_sharing_most_words_with_the_query() {
        // given
        String text = "Passwords expire every 90 days. To reset your password, open the portal. Then sign in.";

        // when
        String excerpt = Excerpts.pick("how do I reset my password", text);

        // then
        assertThat(excerpt).isEqualTo("To reset your password, open the portal. Then sign in.");
    }

    @Test
    void should_match_words_ignoring_case_and_diacritics() {
        // given
        String text = "Drukarki obsługuje dział administracji. Hasło zmienisz w portalu.";

        // when
        String excerpt = Excerpts.pick("jak zmienić HASLO", text);

        // then
        assertThat(excerpt).isEqualTo("Hasło zmienisz w portalu.");
    }

    @Test
    void should_start_at_the_beginning_when_no_sentence_matches() {
        assertThat(Excerpts.pick("kubernetes", "First sentence. Second sentence."))
                .isEqualTo("First sentence. Second sentence.");
    }

    @Test
    void should_cut_long_text_at_a_word_boundary_with_an_ellipsis() {
        // given
        String text = "word ".repeat(300);

        // when
        String excerpt = Excerpts.pick("word", text);

        // then
        assertThat(excerpt).hasSizeLessThanOrEqualTo(Excerpts.MAX_CHARS + 1).endsWith("word…");
        assertThat(text).startsWith(excerpt.substring(0, excerpt.length() - 1));
    }

    @Test
    void should_never_split_an_emoji_when_cutting() {
        // given
        String text = "x".repeat(Excerpts.MAX_CHARS - 2) + "😀😀😀";

        // when
        String excerpt = Excerpts.pick("x", text);

        // then
        String body = excerpt.substring(0, excerpt.length() - 1);
        assertThat(Character.isHighSurrogate(body.charAt(body.length() - 1))).isFalse();
    }
}
