package com.astradesk.core.plan.eval;

import com.astradesk.core.plan.ConversationTurn;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs golden cases against a planner and scores them: a case passes when the plan has exactly the expected
 * steps (tool and arguments, see {@link GoldenCase.ExpectedStep}), or no step when none is expected, or a
 * question when a clarification is expected. A case's earlier turns are replayed through the same planner to build
 * its conversation history. Every final plan call is timed. Thread-safe when the planner is.
 */
public final class PlannerEvaluation {
    private final Planner planner;
    private final Map<String, List<ToolDescriptor>> toolsByAgent;
    private final Principal principal;

    /**
     * @param planner      the planner under test
     * @param toolsByAgent agent name → the tools its requests offer
     * @param principal    the caller of every request (give it the roles the agents' tools need)
     */
    public PlannerEvaluation(Planner planner, Map<String, List<ToolDescriptor>> toolsByAgent, Principal principal) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.toolsByAgent = Map.copyOf(toolsByAgent);
        this.principal = Objects.requireNonNull(principal, "principal");
    }

    /**
     * Plans every case once, in order.
     *
     * @throws IllegalArgumentException when a case names an agent this evaluation does not know
     */
    public EvaluationReport run(List<GoldenCase> cases) {
        var results = new ArrayList<EvaluationReport.CaseResult>(cases.size());
        for (GoldenCase c : cases) {
            List<ToolDescriptor> tools = toolsByAgent.get(c.agent());
            if (tools == null) {
                throw new IllegalArgumentException("case " + c.id() + ": unknown agent '" + c.agent() + "' (known: "
                        + toolsByAgent.keySet() + ")");
            }
            var request = new PlanningRequest(c.input(), principal, tools, null).withHistory(replay(c, tools));
            long start = System.nanoTime();
            Plan plan = planner.plan(request);
            long nanos = System.nanoTime() - start;
            Optional<String> problem = problem(c, plan);
            boolean sideEffect = plan.steps().stream()
                    .anyMatch(s -> sideEffecting(s, tools)
                            && c.expected().stream().noneMatch(e -> e.tool().equals(s.tool())));
            results.add(new EvaluationReport.CaseResult(
                    c, plan, problem.isEmpty(), problem.orElse(""), plannedIntent(plan), sideEffect, nanos));
        }
        return new EvaluationReport(results);
    }

    /** Plans the case's earlier turns in order, each with the turns before it, as a conversation would. */
    private List<ConversationTurn> replay(GoldenCase c, List<ToolDescriptor> tools) {
        var history = new ArrayList<ConversationTurn>();
        for (GoldenCase.Turn turn : c.turns()) {
            Plan plan = planner.plan(
                    new PlanningRequest(turn.input(), principal, tools, null).withHistory(List.copyOf(history)));
            String answer = turn.answer().isEmpty() ? plan.clarification().orElse("") : turn.answer();
            history.add(new ConversationTurn(turn.input(), answer, plan, Instant.EPOCH));
        }
        return List.copyOf(history);
    }

    /** What the plan did: its tools joined with {@code +}, {@code clarify} or {@code none}. */
    static String plannedIntent(Plan plan) {
        if (!plan.steps().isEmpty()) {
            return String.join("+", plan.steps().stream().map(PlanStep::tool).toList());
        }
        return plan.clarification().isPresent() ? "clarify" : "none";
    }

    private static boolean sideEffecting(PlanStep step, List<ToolDescriptor> tools) {
        return tools.stream()
                .filter(t -> t.name().equals(step.tool()))
                .findFirst()
                .map(t -> t.sideEffect() != SideEffect.READ)
                .orElse(true);
    }

    private static Optional<String> problem(GoldenCase c, Plan plan) {
        if (c.clarify()) {
            return plan.steps().isEmpty() && plan.clarification().isPresent()
                    ? Optional.empty()
                    : Optional.of("expected a question and no step");
        }
        if (plan.steps().size() != c.expected().size()) {
            return Optional.of("expected " + c.expected().size() + " step(s), planned "
                    + plan.steps().size());
        }
        for (int i = 0; i < plan.steps().size(); i++) {
            PlanStep got = plan.steps().get(i);
            GoldenCase.ExpectedStep want = c.expected().get(i);
            if (!got.tool().equals(want.tool())) {
                return Optional.of("step " + (i + 1) + ": expected " + want.tool() + ", planned " + got.tool());
            }
            if (!got.arguments().keySet().equals(want.arguments().keySet())) {
                return Optional.of("step " + (i + 1) + ": expected arguments "
                        + want.arguments().keySet() + ", planned "
                        + got.arguments().keySet());
            }
            for (var arg : want.arguments().entrySet()) {
                Object value = got.arguments().get(arg.getKey());
                if (!matches(arg.getValue(), value, c.input())) {
                    return Optional.of("step " + (i + 1) + ": " + arg.getKey() + " expected " + describe(arg.getValue())
                            + ", planned '" + value + "'");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Object expected, Object actual, String input) {
        if (actual == null) {
            return false;
        }
        if ("$input".equals(expected)) {
            return actual.toString().equals(input.strip());
        }
        if (expected instanceof Map<?, ?> m && m.get("contains") != null) {
            return actual.toString()
                    .toLowerCase(Locale.ROOT)
                    .contains(m.get("contains").toString().toLowerCase(Locale.ROOT));
        }
        return String.valueOf(expected).equals(String.valueOf(actual));
    }

    private static String describe(Object expected) {
        if (expected instanceof Map<?, ?> m && m.get("contains") != null) {
            return "to contain '" + m.get("contains") + "'";
        }
        return "'" + expected + "'";
    }
}
