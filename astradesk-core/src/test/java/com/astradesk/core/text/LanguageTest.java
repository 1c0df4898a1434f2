package com.astradesk.core.text;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Short texts: a Polish function word or diacritic decides Polish, English words or no evidence English. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ile błędów ma payments-api?                     | PL
            ile bledow ma payments-api?                     | PL
            jaki jest współczynnik błędów payments-api      | PL
            jaki jest status TKT-5?                         | PL
            czy działa webapp?                              | PL
            co z TKT-42?                                    | PL
            Co z TKT-31?                                    | PL
            metryki webapp                                  | PL
            pamiec webapp                                   | PL
            opoznienie auth                                 | PL
            bledy payments-api                              | PL
            obciazenie database                             | PL
            restarty webapp                                 | PL
            latency webapp                                  | EN
            memory of webapp                                | EN
            pogoda Kraków                                   | PL
            restart webapp na produkcji                     | PL
            prognoza na jutro w Katowicach                  | PL
            Zgłoś awarię VPN                                | PL
            Opowiedz dowcip o kotach                        | PL
            restart payments-api                            | EN
            what is the error rate?                         | EN
            what is the error rate of payments-api?         | EN
            status TKT-5                                    | EN
            is payments-api up?                             | EN
            weather in Gdańsk                               | EN
            weather Kraków                                  | EN
            show errors for payments-api                    | EN
            how many errors does payments-api have?         | EN
            bounce it                                       | EN
            restart db in prod                              | EN
            we need to restart the database                 | EN
            open a ticket for Łukasz                        | EN
            Please ask Łukasz Wiśniewski to restart the database | EN
            """)
    void should_detect_the_language_of_short_texts(String text, Language expected) {
        assertThat(Language.detect(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "123 456"})
    void should_treat_text_without_words_as_english(String text) {
        assertThat(Language.detect(text)).isEqualTo(Language.EN);
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
