package com.astradesk.core.plan.keyword.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FoldedTextTest {

    @Test
    void should_fold_case_diacritics_and_typographic_apostrophes() {
        // when
        var text = FoldedText.of("Don’t restart Usługę in ŁÓDŹ");

        // then
        assertThat(text.text()).isEqualTo("don't restart usluge in lodz");
    }

    @Test
    void should_cut_the_original_behind_a_folded_range() {
        // given
        var text = FoldedText.of("Pogoda w Łodzi, proszę");
        int start = text.text().indexOf("lodzi");

        // when
        String slice = text.originalSlice(start, start + "lodzi".length());

        // then
        assertThat(slice).isEqualTo("Łodzi");
    }

    @Test
    void should_map_decomposed_accents_and_surrogate_pairs_back_to_the_original() {
        // given
        var text = FoldedText.of("cafe\u0301 😀 São");
        int start = text.text().indexOf("sao");

        // when / then
        assertThat(text.text()).startsWith("cafe ");
        assertThat(text.originalSlice(start, text.text().length())).isEqualTo("São");
        assertThat(text.originalSlice(0, 4)).isEqualTo("cafe\u0301");
    }

    @Test
    void should_refuse_a_range_outside_the_text() {
        var text = FoldedText.of("abc");

        assertThatThrownBy(() -> text.originalSlice(2, 9)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
