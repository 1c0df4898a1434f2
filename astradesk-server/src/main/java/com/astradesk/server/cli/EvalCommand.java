package com.astradesk.server.cli;

import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.eval.EvaluationReport;
import com.astradesk.core.plan.eval.GoldenCase;
import com.astradesk.core.plan.eval.GoldenFile;
import com.astradesk.core.plan.eval.PlannerEvaluation;
import com.astradesk.core.plan.followup.FollowUpPlanner;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.wiring.ServerWiring;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code eval <golden.jsonl> [--planner configured|keyword] [--split NAME] [--min-accuracy X]}: runs a golden file
 * (format in {@code docs/PLANNER.md}) against the planner the server would use — the LLM planner through the model
 * gateway when {@code MODEL_PROVIDER} is set (keyword fallback), else the keyword planner, with the follow-up
 * resolver in front as in the server; {@code --planner keyword} forces the keyword planner — over the reference
 * agents' tools, and prints accuracy overall, per split and per intent, a confusion table, the failed cases,
 * side-effecting steps nobody asked for and per-query latency. Exit codes: 0 at or above {@code --min-accuracy}
 * (and no unrequested side effect), 1 below it, 2 a bad file or option.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Run a golden file (JSON Lines) against the configured planner and print accuracy per intent,"
                + " a confusion table and the failed cases.")
public final class EvalCommand implements Callable<Integer> {
    private static final int BAD_INPUT = 2;

    @ParentCommand
    private AstraDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<golden.jsonl>", description = "The golden file.")
    private Path golden;

    @Option(
            names = "--planner",
            defaultValue = "configured",
            description = "configured (LLM with MODEL_PROVIDER, else keyword; default) or keyword.")
    private String planner;

    @Option(names = "--split", paramLabel = "NAME", description = "Only the cases of this split (e.g. held_out).")
    private String split;

    @Option(
            names = "--min-accuracy",
            defaultValue = "0",
            paramLabel = "X",
            description = "Exit 1 below this accuracy: 0..1 or a percentage (e.g. 0.97 or 97).")
    private double minAccuracy;

    @Option(
            names = "--max-failures",
            defaultValue = "50",
            paramLabel = "N",
            description = "How many failed cases to print (default 50).")
    private int maxFailures;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        double threshold = minAccuracy > 1 ? minAccuracy / 100 : minAccuracy;
        if (threshold < 0 || threshold > 1) {
            err.println("eval: --min-accuracy must be 0..1 or a percentage up to 100; was " + minAccuracy);
            return BAD_INPUT;
        }
        List<GoldenCase> cases;
        try {
            cases = GoldenFile.read(golden);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("eval: " + e.getMessage());
            return BAD_INPUT;
        }
        if (split != null) {
            cases = cases.stream()
                    .filter(c -> c.split().filter(split::equals).isPresent())
                    .toList();
            if (cases.isEmpty()) {
                err.println("eval: no case of split '" + split + "' in " + golden);
                return BAD_INPUT;
            }
        }
        AstraDeskConfig config = AstraDeskConfig.fromEnv(parent.env());
        LoggingSetup.apply(config.logging());
        Planner chosen;
        switch (planner.toLowerCase(Locale.ROOT)) {
            case "configured" -> chosen = ServerWiring.planner(config);
            case "keyword" ->
                chosen = FollowUpPlanner.builder()
                        .withPlanner(KeywordPlanner.builder()
                                .withServiceCatalog(config.tools().services().catalog())
                                .build())
                        .withServiceCatalog(config.tools().services().catalog())
                        .build();
            default -> {
                err.println("eval: --planner must be configured or keyword; was '" + planner + "'");
                return BAD_INPUT;
            }
        }
        EvaluationReport report;
        try {
            report = new PlannerEvaluation(chosen, agentTools(), evaluator()).run(cases);
        } catch (IllegalArgumentException e) {
            err.println("eval: " + e.getMessage());
            return BAD_INPUT;
        }
        out.print(report.render(maxFailures));
        long degraded =
                report.results().stream().filter(r -> r.plan().degraded()).count();
        if (degraded > 0) {
            out.printf(Locale.ROOT, "plans from the fallback planner (model unavailable or invalid): %d%n", degraded);
        }
        boolean ok = report.accuracy() >= threshold
                && report.unrequestedSideEffects().isEmpty();
        out.printf(
                Locale.ROOT,
                "%s: accuracy %.1f%% (minimum %.1f%%)%n",
                ok ? "PASS" : "FAIL",
                100 * report.accuracy(),
                100 * threshold);
        out.flush();
        return ok ? 0 : 1;
    }

    /** The reference agents' tools as the tool providers contribute them. */
    private static Map<String, List<ToolDescriptor>> agentTools() {
        ToolRegistry registry = ToolRegistry.builder()
                .withTools(ToolProviders.discoveredTools(ToolProviderContext.empty()))
                .build();
        var out = new LinkedHashMap<String, List<ToolDescriptor>>();
        ToolProviders.agentTools(ToolProviders.discovered())
                .forEach((agent, tools) -> out.put(
                        agent,
                        tools.stream().flatMap(t -> registry.find(t).stream()).toList()));
        return out;
    }

    /** A caller holding every role the registered tools name, so the LLM prompt lists all of an agent's tools. */
    private static Principal evaluator() {
        var roles = new TreeSet<String>();
        agentTools().values().forEach(tools -> tools.forEach(t -> roles.addAll(t.allowedRoles())));
        return Principal.of("eval", roles.toArray(String[]::new));
    }
}
