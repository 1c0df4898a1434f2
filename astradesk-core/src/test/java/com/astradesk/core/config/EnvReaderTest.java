package com.astradesk.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvReaderTest {
    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "90s, PT1M30S", "90, PT1M30S", "15m, PT15M", "24h, PT24H", "7d, PT168H", "PT1H, PT1H"})
    void should_read_every_duration_form(String raw, String expected) {
        // when
        Duration d = new EnvReader(Map.of("X_TIMEOUT", raw)).duration("X_TIMEOUT", Duration.ZERO);

        // then
        assertThat(d).isEqualTo(Duration.parse(expected));
    }

    @Test
    void should_treat_blank_as_unset_and_trim() {
        // given
        EnvReader env = new EnvReader(Map.of("A", "  ", "B", " v "));

        // then
        assertThat(env.string("A")).isEmpty();
        assertThat(env.string("B")).contains("v");
        assertThat(env.integer("A", 7)).isEqualTo(7);
        assertThat(env.bool("A", true)).isTrue();
    }

    @Test
    void should_name_the_variable_in_every_failure() {
        // given
        EnvReader env = new EnvReader(Map.of(
                "N", "many", "R", "500", "D", "soon", "Z", "0s", "F", "x", "B", "maybe", "U", "ftp://user:pw@host/"));

        // then
        assertThatThrownBy(() -> env.integer("N", 1))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.variables()).containsExactly("N"))
                .hasMessage("N must be an integer; was 'many'");
        assertThatThrownBy(() -> env.integer("R", 1, 1, 100)).hasMessage("R must be between 1 and 100; was 500");
        assertThatThrownBy(() -> env.duration("D", Duration.ZERO)).hasMessageStartingWith("D must be a duration");
        assertThatThrownBy(() -> env.duration("Z", Duration.ZERO)).hasMessage("Z must be positive; was '0s'");
        assertThatThrownBy(() -> env.decimal("F", 1.0)).hasMessage("F must be a number; was 'x'");
        assertThatThrownBy(() -> env.bool("B", false)).hasMessage("B must be true or false; was 'maybe'");
        assertThatThrownBy(() -> env.uri("U", Set.of("http", "https")))
                .hasMessageContaining("U must be a URL with scheme")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> env.required("MISSING", "for the auditor"))
                .hasMessage("MISSING must be set for the auditor");
    }

    @Test
    void should_accept_every_boolean_spelling() {
        for (String yes : new String[] {"true", "1", "YES", "on"}) {
            assertThat(new EnvReader(Map.of("B", yes)).bool("B", false)).isTrue();
        }
        for (String no : new String[] {"false", "0", "No", "OFF"}) {
            assertThat(new EnvReader(Map.of("B", no)).bool("B", true)).isFalse();
        }
    }
}
