package com.astradesk.core.agent;

import com.astradesk.core.plan.Plan;

/**
 * Hears one agent run as it happens: its id, its plan, each step as it completes and the answer in pieces.
 * Passed per run to {@link Agent#run(AgentRequest, com.astradesk.core.policy.Principal, RunListener)}; the agent
 * calls it on the run's thread, in this order: {@link #onRunStarted(String, String)} once, {@link #onPlan} once, {@link #onStep}
 * per step, {@link #onAnswerDelta} one or more times (the deltas concatenated are the result's {@code output}).
 * The run's result is returned once it is journaled. A listener that throws is ignored (the stock agent logs it):
 * it never changes the run. Implementations should return quickly and be safe to call from any one thread.
 */
public interface RunListener {
    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {};

    /** The run got its id; nothing ran yet. */
    default void onRunStarted(String runId) {}

    /**
     * The run got its id and its conversation (the request's, or a new one); nothing ran yet. The stock agent
     * calls this one; by default it calls {@link #onRunStarted(String)}.
     */
    default void onRunStarted(String runId, String conversationId) {
        onRunStarted(runId);
    }

    /** The planner decided (a fallback plan is marked degraded). */
    default void onPlan(Plan plan) {}

    /**
     * A step completed (including denied, failed and parked-for-approval steps).
     *
     * @param index the step's position in the plan, from 0
     */
    default void onStep(int index, StepResult step) {}

    /** The next piece of the answer. */
    default void onAnswerDelta(String delta) {}
}
