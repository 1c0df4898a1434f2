package com.astradesk.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Restartuj usługę api-gateway                    | PL
            restartuj usluge api-gateway                    | PL
            pokaz metryki dla payments-api z ostatniej 1h   | PL
            kiedy byl restart payments-api                  | PL
            jak zresetowac haslo do VPN?                    | PL
            czy mozesz zrestartowac payments?               | PL
            pogoda w Krakowie                               | PL
            sprawdz status zgloszenia TKT-123               | PL
            restart service payments-api                    | EN
            How do I reset my VPN password?                 | EN
            can i get the weather in Warsaw                 | EN
            check ticket TKT-123 status                     | EN
            bounce the database                             | EN
            weather for the next 3 days in Gdańsk           | EN
            What's the weather in Kraków tomorrow?          | EN
            Zażółć gęślą jaźń                               | PL
            kiedy był restart payments-api?                 | PL
            """)
    void should_detect_the_language(String text, Language expected) {
        assertThat(Language.detect(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "123 456"})
    void should_treat_text_without_words_as_english(String text) {
        assertThat(Language.detect(text)).isEqualTo(Language.EN);
    }

    @Test
    void should_detect_as_folding_and_looking_up_every_word_would() throws IOException {
        // given: the knowledge base's documents, and random texts mixing Polish words (any case) with other words
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../docs/kb"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                texts.add(Files.readString(f));
            }
        }
        List<String> words = new ArrayList<>(Language.POLISH_WORDS);
        words.addAll(
                List.of("the", "VPN", "password", "Reset", "a", "I", "ON", "Zażółć", "café", "naïve", "Łódź", "x"));
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder t = new StringBuilder();
            for (int j = random.nextInt(12); j >= 0; j--) {
                String w = words.get(random.nextInt(words.size()));
                t.append(random.nextBoolean() ? w : w.toUpperCase(java.util.Locale.ROOT))
                        .append(random.nextBoolean() ? " " : ", ");
            }
            texts.add(t.toString());
        }

        // then
        assertThat(texts).allSatisfy(t -> assertThat(Language.detect(t)).as(t).isEqualTo(referenceDetect(t)));
    }

    /** {@link Language#detect} without its first-letter-and-length filter: every word folded and looked up. */
    private static Language referenceDetect(String text) {
        if (text == null || text.isBlank()) {
            return Language.EN;
        }
        int polish = 0;
        int strong = 0;
        int words = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!Character.isLetter(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            boolean polishLetter = false;
            while (i < text.length() && Character.isLetter(cp = text.codePointAt(i))) {
                polishLetter |= "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".indexOf(cp) >= 0;
                i += Character.charCount(cp);
            }
            words++;
            if (polishLetter) {
                polish++;
                strong++;
                continue;
            }
            String folded = Language.fold(text.substring(start, i));
            polish += Language.POLISH_WORDS.contains(folded) ? 1 : 0;
            strong += Language.STRONG_POLISH.contains(folded) ? 1 : 0;
        }
        return strong > 1 || (strong > 0 && polish * 4 >= words) ? Language.PL : Language.EN;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Usługę, usluge",
        "ŁÓDŹ, lodz",
        "Zażółć gęślą jaźń, zazolc gesla jazn",
        "Payments-API, payments-api",
        "e\u0301te\u0301, ete"
    })
    void should_fold_case_and_diacritics(String text, String folded) {
        assertThat(Language.fold(text)).isEqualTo(folded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Gdańsk", "gdansk", "GDAŃSK"})
    void should_fold_spellings_of_a_word_to_the_same_text(String spelling) {
        assertThat(Language.fold(spelling)).isEqualTo("gdansk");
    }
}
