package com.astradesk.core.plan.keyword.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhrasePatternTest {

    @ParameterizedTest(name = "''{0}'' in ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            restart          | please restart it                 | true
            restart          | payments-api restarted            | false
            restart          | prerestart hook                   | false
            zrestart*        | zrestartowac usluge               | true
            zrestart*        | nie zrestartuj                    | true
            open ... ticket  | open a new support ticket         | true
            open ... ticket  | open ticket                       | true
            open ... ticket  | open one two three four ticket    | false
            open ... ticket  | open it. ticket                   | false
            tkt ... status   | tkt-123 status                    | true
            don't            | please don't do it                | true
            priority ... low | priority: low                     | true
            """)
    void should_match_whole_words_prefixes_and_gaps(String phrase, String text, boolean expected) {
        // given
        var pattern = PhrasePattern.compile(phrase);

        // when
        boolean found = pattern.mayOccurIn(text) && pattern.matcher(text).find();

        // then
        assertThat(found).isEqualTo(expected);
    }

    @ParameterizedTest(name = "tolerant ''{0}'' in ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            restart          | restrat payments-api              | true
            restart          | please restart it                 | true
            restart          | erstart it                        | false
            metric*          | mertics for webapp                | true
            weather          | wether in berlin                  | true
            create ... ticket | creat ticket printer jammed      | true
            open             | opne a ticket                     | false
            ticket #         | ticket 88 please                  | true
            ticket #         | ticket please                     | false
            zrestart*        | zrestatruj baze                   | true
            """)
    void should_tolerate_one_swap_or_missing_letter_in_long_trigger_words(
            String phrase, String text, boolean expected) {
        // given
        var pattern = PhrasePattern.compileTolerant(phrase);

        // when
        boolean found = pattern.mayOccurIn(text) && pattern.matcher(text).find();

        // then
        assertThat(found).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"...", "... ticket", "open ...", "open ... ... ticket", "*", "re*start"})
    void should_reject_a_malformed_phrase(String phrase) {
        assertThatThrownBy(() -> PhrasePattern.compile(phrase)).isInstanceOf(IllegalArgumentException.class);
    }
}
