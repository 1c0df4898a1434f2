package com.astradesk.tools.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.plan.eval.EvaluationReport;
import com.astradesk.core.plan.eval.GoldenFile;
import com.astradesk.core.plan.eval.PlannerEvaluation;
import com.astradesk.core.plan.followup.FollowUpPlanner;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The project's planner table ({@code eval/planner-golden.jsonl}, the format of {@code astradesk eval}) against
 * the keyword planner: realistic EN+PL phrasing, split once into a tuning and a held-out half.
 */
class PlannerGoldenTableTest {
    static final Path TABLE = Path.of("..", "eval", "planner-golden.jsonl");

    /** The built-in agents' tools, as the server offers them. */
    static Map<String, List<ToolDescriptor>> agentTools() {
        ToolRegistry registry = ToolRegistry.builder()
                .withTools(ToolProviders.discoveredTools(ToolProviderContext.empty()))
                .build();
        var out = new LinkedHashMap<String, List<ToolDescriptor>>();
        ToolProviders.agentTools(ToolProviders.discovered())
                .forEach((agent, tools) -> out.put(
                        agent,
                        tools.stream().map(t -> registry.find(t).orElseThrow()).toList()));
        return out;
    }

    @Test
    void should_plan_the_table_exactly_and_generalise_to_the_held_out_half() throws java.io.IOException {
        // given
        var evaluation = new PlannerEvaluation(
                FollowUpPlanner.builder()
                        .withPlanner(KeywordPlanner.builder().build())
                        .build(),
                agentTools(),
                Principal.of("eval", "it.support", "sre"));

        // when
        var cases = GoldenFile.read(TABLE);
        EvaluationReport report = evaluation.run(cases);
        EvaluationReport warm = evaluation.run(cases);
        writeReport(report, warm);

        // then
        assertThat(report.results()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(report.unrequestedSideEffects()).isEmpty();
        assertThat(report.accuracyOfSplit("held_out")).isGreaterThanOrEqualTo(0.92);
        assertThat(report.accuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(warm.accuracy()).as("deterministic").isEqualTo(report.accuracy());
    }

    /** The full report goes to a file, not the test output: {@code target/planner-golden-report.txt}. */
    private static void writeReport(EvaluationReport report, EvaluationReport warm) throws java.io.IOException {
        String latency = String.format(
                java.util.Locale.ROOT,
                "warm latency per query: p50 %.0f us, p95 %.0f us, p99 %.0f us, max %.0f us%n",
                warm.latencyMicros(50),
                warm.latencyMicros(95),
                warm.latencyMicros(99),
                warm.latencyMicros(100));
        java.nio.file.Path out = java.nio.file.Path.of("target", "planner-golden-report.txt");
        java.nio.file.Files.createDirectories(out.getParent());
        java.nio.file.Files.writeString(out, report.render(400) + System.lineSeparator() + latency);
    }
}
