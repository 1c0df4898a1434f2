package com.astradesk.core.agent;

import com.astradesk.core.tool.CallStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one agent run. Immutable.
 *
 * @param runId          unique id of this run
 * @param agent          the agent's name
 * @param output         the answer, in the request's language
 * @param usedTools      tools that ran successfully, in order
 * @param steps          every planned step and how it ended
 * @param citations      knowledge sources the answer used
 * @param degraded       whether a fallback was used (e.g. the keyword planner instead of the LLM planner)
 * @param degradedReason why, when degraded
 * @param conversationId the conversation this run belongs to (the request's, or a new one)
 * @param citedSteps     positions in {@code steps} (from 0) of the steps whose results the answer states: those a
 *                       model-written answer cites as {@code [n]} (step n - 1), every {@code ok} step of a templated
 *                       one; empty for a knowledge answer or a clarification
 */
public record AgentResult(
        String runId,
        String agent,
        String output,
        List<String> usedTools,
        List<StepResult> steps,
        List<Citation> citations,
        boolean degraded,
        Optional<String> degradedReason,
        String conversationId,
        List<Integer> citedSteps) {
    public AgentResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(output, "output");
        usedTools = List.copyOf(usedTools);
        steps = List.copyOf(steps);
        citations = List.copyOf(citations);
        degradedReason = Objects.requireNonNullElse(degradedReason, Optional.empty());
        Objects.requireNonNull(conversationId, "conversationId");
        citedSteps = List.copyOf(citedSteps);
    }

    /** A result citing no step. */
    public AgentResult(
            String runId,
            String agent,
            String output,
            List<String> usedTools,
            List<StepResult> steps,
            List<Citation> citations,
            boolean degraded,
            Optional<String> degradedReason,
            String conversationId) {
        this(runId, agent, output, usedTools, steps, citations, degraded, degradedReason, conversationId, List.of());
    }

    /** A result that is its own conversation (the conversation id is the run id). */
    public AgentResult(
            String runId,
            String agent,
            String output,
            List<String> usedTools,
            List<StepResult> steps,
            List<Citation> citations,
            boolean degraded,
            Optional<String> degradedReason) {
        this(runId, agent, output, usedTools, steps, citations, degraded, degradedReason, runId);
    }

    /** The step the caller's per-tool rate limit stopped (the run ended there), if any. */
    public Optional<StepResult> rateLimitedStep() {
        for (StepResult s : steps) {
            if (s.status() == CallStatus.RATE_LIMITED) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The steps that policy refused. */
    public List<StepResult> deniedSteps() {
        List<StepResult> denied = null;
        for (StepResult s : steps) {
            if (s.status() == CallStatus.DENIED) {
                if (denied == null) {
                    denied = new ArrayList<>(steps.size());
                }
                denied.add(s);
            }
        }
        return denied == null ? List.of() : Collections.unmodifiableList(denied);
    }
}
