package com.astradesk.tools.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsWindowTest {

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "15m, PT15M", "6h, PT6H", "7d, PT168H", "90d, PT2160H"})
    void should_parse_windows(String text, Duration expected) {
        assertThat(MetricsWindow.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0m", "91d", "99999999999d", "15", "m", "1.5h", "15M", " 15m", ""})
    void should_refuse_zero_too_long_or_malformed_windows(String text) {
        assertThat(MetricsWindow.parse(text)).isEmpty();
    }
}
