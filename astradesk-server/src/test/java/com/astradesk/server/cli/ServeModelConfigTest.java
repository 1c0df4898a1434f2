package com.astradesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code serve} refuses to start on a bad model or knowledge setting, naming the variable. */
class ServeModelConfigTest {
    @TempDir
    Path home;

    @ParameterizedTest
    @CsvSource({
        "MODEL_PROVIDER, gpt-omega, MODEL_PROVIDER",
        "MODEL_PROVIDER, openai, OPENAI_API_KEY",
        "MODEL_PROVIDER, vllm, MODEL_BASE_URL",
        "EMBEDDING_MODEL, word2vec, EMBEDDING_MODEL"
    })
    void should_stop_startup_naming_the_variable(String variable, String value, String named) {
        StringWriter err = new StringWriter();

        int code = Main.run(
                new String[] {"serve"},
                Map.of("ASTRADESK_HOME", home.toString(), "PORT", "0", variable, value, "MODEL_NAME", "m"),
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));

        assertThat(code).isEqualTo(Main.EXIT_CONFIG);
        assertThat(err.toString()).contains(named).doesNotContain("\tat ");
    }

    @Test
    void should_stop_the_default_action_naming_the_variable_as_serve_does() {
        // given no arguments: the default action runs serve without building picocli's command line
        StringWriter err = new StringWriter();

        // when
        int code = Main.run(
                new String[0],
                Map.of("ASTRADESK_HOME", home.toString(), "PORT", "0", "EMBEDDING_MODEL", "word2vec"),
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));

        // then
        assertThat(code).isEqualTo(Main.EXIT_CONFIG);
        assertThat(err.toString())
                .startsWith("astradesk: ")
                .contains("EMBEDDING_MODEL")
                .doesNotContain("\tat ");
    }

    @Test
    void should_list_the_migrate_and_ingest_commands_in_the_help() {
        StringWriter out = new StringWriter();

        int code = Main.run(
                new String[] {"--help"},
                Map.of(),
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));

        assertThat(code).isZero();
        assertThat(out.toString()).contains("migrate", "ingest", "serve", "token");
    }
}
