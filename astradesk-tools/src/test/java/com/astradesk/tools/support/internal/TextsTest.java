package com.astradesk.tools.support.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.text.Language;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Numbers as summaries print them: the whole-number shortcut must print what the formatter prints. */
class TextsTest {

    static Stream<Arguments> numbers() {
        Stream.Builder<Arguments> out = Stream.builder();
        double[] values = {
            0,
            -0.0,
            1,
            -1,
            3,
            7,
            42,
            100,
            1000,
            123_456_789,
            -98_765,
            1e14,
            999_999_999_999_999.0,
            1e15,
            1e17,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.05,
            3.14159,
            2.675,
            99.995,
            0.0001,
            1234.5678,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        };
        for (Language l : new Language[] {Language.EN, Language.PL}) {
            for (double v : values) {
                for (int decimals = 0; decimals <= 3; decimals++) {
                    out.add(Arguments.of(l, v, decimals));
                }
            }
        }
        return out.build();
    }

    @ParameterizedTest(name = "{0} {1} with {2} decimals")
    @MethodSource("numbers")
    void should_print_what_the_formatter_prints(Language language, double value, int decimals) {
        assertThat(Texts.number(language, value, decimals)).isEqualTo(formatted(language, value, decimals));
    }

    @Test
    void should_print_whole_numbers_without_fraction_in_both_languages() {
        assertThat(Texts.number(Language.EN, 12, 2)).isEqualTo("12");
        assertThat(Texts.number(Language.PL, 12, 2)).isEqualTo("12");
        assertThat(Texts.number(Language.PL, 3.5, 1)).isEqualTo("3,5");
        assertThat(Texts.number(Language.EN, 3.5, 1)).isEqualTo("3.5");
    }

    /** The formatter-only rendering (as it was before the whole-number shortcut). */
    private static String formatted(Language language, double value, int decimals) {
        String s = String.format(language.locale(), "%." + decimals + "f", value);
        if (decimals > 0 && (s.contains(".") || s.contains(","))) {
            s = s.replaceAll("[.,]?0+$", "");
        }
        return s;
    }
}
