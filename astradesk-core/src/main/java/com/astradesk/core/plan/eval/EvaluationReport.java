package com.astradesk.core.plan.eval;

import com.astradesk.core.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The scores of one evaluation run: accuracy overall, per split and per intent, a confusion table of expected
 * against planned intents, the failed cases, side-effecting steps nobody asked for, and per-query latency.
 * Immutable.
 *
 * @param results one result per case, in the file's order
 */
public record EvaluationReport(List<CaseResult> results) {
    /** Copies the results. */
    public EvaluationReport {
        results = List.copyOf(results);
    }

    /**
     * How one case went.
     *
     * @param golden                the case
     * @param plan                  what the planner planned
     * @param passed                whether it matched exactly
     * @param problem               why not, when it failed
     * @param plannedIntent         the planned tools joined with {@code +}, {@code clarify} or {@code none}
     * @param unrequestedSideEffect whether the plan holds a write/execute step the case did not expect
     * @param nanos                 how long {@code plan} took
     */
    public record CaseResult(
            GoldenCase golden,
            Plan plan,
            boolean passed,
            String problem,
            String plannedIntent,
            boolean unrequestedSideEffect,
            long nanos) {}

    /** Share of cases that passed, 0..1 (1 for no cases). */
    public double accuracy() {
        return accuracy(r -> true);
    }

    /** Share of the selected cases that passed, 0..1 (1 when none is selected). */
    public double accuracy(Predicate<CaseResult> which) {
        long total = results.stream().filter(which).count();
        long passed = results.stream().filter(which).filter(CaseResult::passed).count();
        return total == 0 ? 1.0 : (double) passed / total;
    }

    /** Accuracy of the cases of one split ({@code tuning}, {@code held_out}). */
    public double accuracyOfSplit(String split) {
        return accuracy(r -> r.golden().split().filter(split::equals).isPresent());
    }

    /** The splits the cases name, sorted. */
    public List<String> splits() {
        var out = new TreeSet<String>();
        results.forEach(r -> r.golden().split().ifPresent(out::add));
        return List.copyOf(out);
    }

    /** Expected intent → {passed, total}, sorted by intent. */
    public Map<String, int[]> byIntent() {
        var out = new TreeMap<String, int[]>();
        for (CaseResult r : results) {
            int[] counts = out.computeIfAbsent(r.golden().expectedIntent(), k -> new int[2]);
            counts[0] += r.passed() ? 1 : 0;
            counts[1]++;
        }
        return out;
    }

    /** Expected intent → planned intent → count. */
    public Map<String, Map<String, Integer>> confusion() {
        var out = new TreeMap<String, Map<String, Integer>>();
        for (CaseResult r : results) {
            out.computeIfAbsent(r.golden().expectedIntent(), k -> new TreeMap<>())
                    .merge(r.plannedIntent(), 1, Integer::sum);
        }
        return out;
    }

    /** The cases that failed, in order. */
    public List<CaseResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** The cases whose plan holds a side-effecting step they did not ask for. */
    public List<CaseResult> unrequestedSideEffects() {
        return results.stream().filter(CaseResult::unrequestedSideEffect).toList();
    }

    /** The given percentile (0..100) of per-query planning time, in microseconds. */
    public double latencyMicros(double percentile) {
        if (results.isEmpty()) {
            return 0;
        }
        long[] sorted = results.stream().mapToLong(CaseResult::nanos).sorted().toArray();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    /** A plain-text report: summary, per-intent accuracy, confusion table and up to {@code maxFailures} failures. */
    public String render(int maxFailures) {
        var b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "cases: %d  passed: %d  accuracy: %.1f%%%n",
                results.size(),
                results.size() - failures().size(),
                100 * accuracy()));
        for (String split : splits()) {
            long n = results.stream()
                    .filter(r -> r.golden().split().filter(split::equals).isPresent())
                    .count();
            b.append(String.format(Locale.ROOT, "  %-10s %4d cases  %.1f%%%n", split, n, 100 * accuracyOfSplit(split)));
        }
        b.append(String.format(
                Locale.ROOT,
                "side-effecting steps nobody asked for: %d%n",
                unrequestedSideEffects().size()));
        b.append(String.format(
                Locale.ROOT,
                "latency per query: p50 %.0f us, p95 %.0f us, max %.0f us%n%n",
                latencyMicros(50),
                latencyMicros(95),
                latencyMicros(100)));
        results.stream()
                .sorted(java.util.Comparator.comparingLong(CaseResult::nanos).reversed())
                .limit(3)
                .forEach(r -> b.append(String.format(
                        Locale.ROOT, "  slowest: %s %.0f us%n", r.golden().id(), r.nanos() / 1000.0)));
        b.append("accuracy per intent:\n");
        byIntent()
                .forEach((intent, c) -> b.append(String.format(
                        Locale.ROOT, "  %-32s %4d/%-4d %.1f%%%n", intent, c[0], c[1], 100.0 * c[0] / c[1])));
        b.append(confusionTable());
        List<CaseResult> failed = failures();
        if (!failed.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nfailed cases (%d):%n", failed.size()));
            failed.stream()
                    .limit(Math.max(0, maxFailures))
                    .forEach(r -> b.append(String.format(
                            Locale.ROOT,
                            "  %s [%s] %s%n      expected %s, planned %s%s: %s%n",
                            r.golden().id(),
                            r.golden().agent(),
                            r.golden().input().replace("\n", "\\n"),
                            r.golden().expectedIntent(),
                            r.plannedIntent(),
                            r.plan().steps().isEmpty() ? "" : " " + r.plan().steps(),
                            r.problem())));
            if (failed.size() > maxFailures) {
                b.append("  ... ").append(failed.size() - maxFailures).append(" more\n");
            }
        }
        return b.toString();
    }

    private String confusionTable() {
        Map<String, Map<String, Integer>> table = confusion();
        var columns = new TreeSet<String>();
        table.values().forEach(row -> columns.addAll(row.keySet()));
        var cols = new ArrayList<>(columns);
        int width = Math.max(8, cols.stream().mapToInt(String::length).max().orElse(8)) + 1;
        var b = new StringBuilder("\nconfusion (rows: expected, columns: planned):\n");
        b.append(String.format(Locale.ROOT, "  %-32s", ""));
        cols.forEach(c -> b.append(String.format(Locale.ROOT, "%" + width + "s", c)));
        b.append('\n');
        table.forEach((expected, row) -> {
            b.append(String.format(Locale.ROOT, "  %-32s", expected));
            cols.forEach(c -> b.append(String.format(
                    Locale.ROOT,
                    "%" + width + "s",
                    Optional.ofNullable(row.get(c)).map(String::valueOf).orElse("."))));
            b.append('\n');
        });
        return b.toString();
    }
}
