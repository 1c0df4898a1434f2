package com.astradesk.core.agent.internal;

import com.astradesk.core.agent.RunListener;
import com.astradesk.core.agent.StepResult;
import com.astradesk.core.plan.Plan;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of a {@link RunListener}: a listener that throws is logged and ignored, so it never changes
 * the run; the composed answer goes out one line at a time. Used by one run's thread.
 */
final class GuardedRunListener implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedRunListener.class);

    private final RunListener delegate;

    GuardedRunListener(RunListener delegate) {
        this.delegate = Objects.requireNonNull(delegate, "listener");
    }

    @Override
    public void onRunStarted(String runId) {
        guard("onRunStarted", () -> delegate.onRunStarted(runId));
    }

    @Override
    public void onRunStarted(String runId, String conversationId) {
        guard("onRunStarted", () -> delegate.onRunStarted(runId, conversationId));
    }

    @Override
    public void onPlan(Plan plan) {
        guard("onPlan", () -> delegate.onPlan(plan));
    }

    @Override
    public void onStep(int index, StepResult step) {
        guard("onStep", () -> delegate.onStep(index, step));
    }

    @Override
    public void onAnswerDelta(String delta) {
        guard("onAnswerDelta", () -> delegate.onAnswerDelta(delta));
    }

    /** Sends a whole answer as deltas of one line each (with its line break), so they concatenate to it. */
    void answer(String output) {
        int start = 0;
        while (start < output.length()) {
            int newline = output.indexOf('\n', start);
            int end = newline < 0 ? output.length() : newline + 1;
            onAnswerDelta(output.substring(start, end));
            start = end;
        }
    }

    private void guard(String event, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn(
                    "run listener {} failed in {}; the run goes on",
                    delegate.getClass().getName(),
                    event,
                    e);
        }
    }
}
