package com.astradesk.core.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a planner decided for one input. An empty plan means "answer from knowledge". A plan with a
 * clarification asks the user for what is missing (e.g. which service to restart) instead of guessing.
 * Immutable.
 *
 * @param steps          tool steps, in order
 * @param clarification  a question for the user, when the request was understood but is incomplete
 * @param degraded       whether a fallback planner produced this plan
 * @param degradedReason why, when degraded
 */
public record Plan(
        List<PlanStep> steps, Optional<String> clarification, boolean degraded, Optional<String> degradedReason) {
    public Plan {
        steps = List.copyOf(steps);
        clarification = Objects.requireNonNullElse(clarification, Optional.empty());
        degradedReason = Objects.requireNonNullElse(degradedReason, Optional.empty());
    }

    /** A plan with no steps: the agent answers from knowledge. */
    public static Plan empty() {
        return new Plan(List.of(), Optional.empty(), false, Optional.empty());
    }

    /** A plan with the given steps. */
    public static Plan of(List<PlanStep> steps) {
        return new Plan(steps, Optional.empty(), false, Optional.empty());
    }

    /** A plan that asks the user a question and runs nothing. */
    public static Plan clarify(String question) {
        return new Plan(List.of(), Optional.of(question), false, Optional.empty());
    }

    /** This plan marked as produced by a fallback, with the reason. */
    public Plan degraded(String reason) {
        return new Plan(steps, clarification, true, Optional.of(reason));
    }

    /** Whether there is nothing to run and nothing to ask. */
    public boolean isEmpty() {
        return steps.isEmpty() && clarification.isEmpty();
    }
}
