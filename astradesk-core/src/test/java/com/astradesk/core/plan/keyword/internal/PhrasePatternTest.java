package com.astradesk.core.plan.keyword.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
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

    @Test
    void should_never_rule_out_a_text_the_pattern_matches() {
        // given: phrases of every shape, and texts made of their words with typos, prefixes, gaps and noise
        List<String> phrases = List.of(
                "restart",
                "zrestart*",
                "open ... ticket",
                "ticket #",
                "metric* for",
                "create ... ticket",
                "weather",
                "error rate",
                "prognoz* pogody",
                "don't",
                "status ... tkt");
        List<String> words = List.of(
                "restart",
                "restrat",
                "rstart",
                "zrestartuj",
                "zrestatruj",
                "open",
                "a",
                "new",
                "ticket",
                "tikcet",
                "88",
                "metrics",
                "mertics",
                "for",
                "creat",
                "create",
                "weather",
                "wether",
                "error",
                "rate",
                "erorr",
                "prognoza",
                "prognzoa",
                "pogody",
                "don't",
                "status",
                "tkt",
                "-",
                ".",
                ",",
                "it",
                "webapp");
        var random = new Random(15);
        int matched = 0;

        for (int i = 0; i < 20_000; i++) {
            var text = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                text.append(words.get(random.nextInt(words.size()))).append(random.nextInt(4) == 0 ? "" : " ");
            }
            for (String phrase : phrases) {
                for (PhrasePattern pattern :
                        List.of(PhrasePattern.compile(phrase), PhrasePattern.compileTolerant(phrase))) {
                    // when
                    boolean found = pattern.matcher(text.toString()).find();

                    // then
                    if (found) {
                        matched++;
                        assertThat(pattern.mayOccurIn(text.toString()))
                                .as("'%s' in '%s'", phrase, text)
                                .isTrue();
                    }
                }
            }
        }
        assertThat(matched).as("texts the patterns matched").isGreaterThan(1_000);
    }

    @Test
    void should_rule_out_a_text_missing_one_word_of_the_phrase() {
        var pattern = PhrasePattern.compileTolerant("create ... ticket");

        assertThat(pattern.mayOccurIn("please create it")).isFalse();
        assertThat(pattern.mayOccurIn("a ticket for me")).isFalse();
        assertThat(pattern.mayOccurIn("creat a tikcet")).isTrue();
    }

    @Test
    void should_find_a_phrase_only_when_it_encloses_the_span() {
        // given
        var blockers = PhrasePattern.compileAll(List.of("do ... mean", "means"));
        String text = "what do p95 and p99 mean for webapp? show p99 and what it means";
        long mask = PhrasePattern.charMask(text);
        int p95 = text.indexOf("p95");
        int secondP99 = text.lastIndexOf("p99");

        // then: "do p95 and p99 mean" encloses p95; nothing encloses the p99 of the second sentence
        assertThat(PhrasePattern.anyEnclosing(blockers, text, mask, 0, text.length(), p95, p95 + 3))
                .isTrue();
        assertThat(PhrasePattern.anyEnclosing(blockers, text, mask, 0, text.length(), secondP99, secondP99 + 3))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"...", "... ticket", "open ...", "open ... ... ticket", "*", "re*start"})
    void should_reject_a_malformed_phrase(String phrase) {
        assertThatThrownBy(() -> PhrasePattern.compile(phrase)).isInstanceOf(IllegalArgumentException.class);
    }
}
