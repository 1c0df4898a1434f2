package com.astradesk.core.plan;

/**
 * Turns a user's input into a {@link Plan}. Implementations must be thread-safe. A planner plans a side
 * effect only when the input asks for it and names its target; when unsure it returns an empty plan or a
 * clarification, never a guess.
 */
@FunctionalInterface
public interface Planner {
    /**
     * Plans one input.
     *
     * @throws PlanningException when the planner cannot produce a plan (callers fall back)
     */
    Plan plan(PlanningRequest request);
}
