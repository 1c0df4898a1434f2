package com.astradesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate} and {@code ingest} without a usable database: clear errors, non-zero exit, no stack trace. */
class DatabaseCommandsTest {
    @TempDir
    Path home;

    private record Run(int code, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void should_refuse_migrate_without_database_url_naming_it() {
        Run run = run(Map.of("ASTRADESK_HOME", home.toString()), "migrate");

        assertThat(run.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err()).contains("DATABASE_URL", "embedded mode").doesNotContain("\tat ");
    }

    @Test
    void should_fail_migrate_cleanly_when_the_database_is_unreachable() {
        Run run = run(
                Map.of("ASTRADESK_HOME", home.toString(), "DATABASE_URL", "postgres://app:s3cret-pw@127.0.0.1:1/db"),
                "migrate");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("astradesk migrate:", "cannot connect", "127.0.0.1:1")
                .doesNotContain("\tat ", "s3cret-pw", "Exception");
    }

    @Test
    void should_explain_that_embedded_mode_ingests_docs_kb_when_ingest_has_no_database() {
        Run run = run(Map.of("ASTRADESK_HOME", home.toString()), "ingest", home.toString());

        assertThat(run.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err())
                .contains("DATABASE_URL", "docs/kb", "startup", "POST /v1/documents")
                .doesNotContain("\tat ");
    }

    @Test
    void should_require_a_path_argument_for_ingest() {
        Run run = run(Map.of("ASTRADESK_HOME", home.toString()), "ingest");

        assertThat(run.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err()).contains("<file|dir>");
    }
}
