package com.astradesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code astradesk eval}: the project's planner table against the keyword planner, as CI runs it. */
class EvalCommandTest {
    private static final Path TABLE = Path.of("..", "eval", "planner-golden.jsonl");

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {}

    private Run eval(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(
                all, Map.of("ASTRADESK_HOME", home.toString()), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void should_pass_the_project_table_with_the_keyword_planner_and_print_per_intent_confusion_and_failures() {
        Run run = eval(TABLE.toString(), "--planner", "keyword", "--min-accuracy", "0.97");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("accuracy per intent:", "restart_service", "confusion (rows: expected, columns: planned)")
                .contains("held_out", "tuning", "side-effecting steps nobody asked for: 0", "latency per query")
                .contains("PASS");
    }

    @Test
    void should_exit_1_below_the_minimum_and_list_the_failed_cases() throws Exception {
        Path golden = Files.writeString(home.resolve("g.jsonl"), """
                {"id": "a", "agent": "ops", "input": "restart payments-api", "expect": [{"tool": "restart_service", "arguments": {"service": "payments-api"}}]}
                {"id": "b", "agent": "ops", "input": "hello there", "expect": [{"tool": "get_weather", "arguments": {"city": "Oslo"}}]}
                """);

        Run run = eval(golden.toString(), "--planner", "keyword", "--min-accuracy", "90");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("accuracy: 50.0%", "failed cases (1):", "b [ops] hello there", "FAIL");
    }

    @Test
    void should_exit_2_naming_the_line_of_a_malformed_case() throws Exception {
        Path golden = Files.writeString(home.resolve("bad.jsonl"), """
                {"id": "a", "agent": "ops", "input": "restart payments-api", "expect": []}
                {"id": "b", "agent": "ops", "expect": []}
                """);

        Run run = eval(golden.toString(), "--planner", "keyword");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("bad.jsonl:2", "'input'").doesNotContain("\tat ");
    }
}
