package com.astradesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditorCommandTest {

    private static String[] run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void should_refuse_to_start_the_auditor_without_nats_naming_the_variable() {
        String[] r = run(Map.of("S3_BUCKET", "b"), "auditor");

        assertThat(r[0]).isEqualTo(Integer.toString(Main.EXIT_CONFIG));
        assertThat(r[2]).contains("NATS_URL");
    }

    @Test
    void should_refuse_to_start_the_auditor_without_a_sink() {
        String[] r = run(Map.of("NATS_URL", "nats://127.0.0.1:4222"), "auditor");

        assertThat(r[0]).isEqualTo(Integer.toString(Main.EXIT_CONFIG));
        assertThat(r[2]).contains("S3_BUCKET").contains("ES_URL");
    }

    @Test
    void should_list_the_audit_commands_in_help() {
        String[] r = run(Map.of(), "--help");

        assertThat(r[1]).contains("auditor").contains("audit");
    }

    @Test
    void should_reject_an_unknown_verify_source() {
        String[] r = run(Map.of("S3_BUCKET", "b"), "audit", "verify", "--source", "tape");

        assertThat(r[0]).isEqualTo(Integer.toString(Main.EXIT_CONFIG));
        assertThat(r[2]).contains("--source must be postgres, s3 or all");
    }
}
