package com.astradesk.server.knowledge;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.agent.RunListener;
import com.astradesk.core.agent.StepResult;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decorates an agent so a knowledge answer given while the knowledge base was still loading says so (and is
 * marked degraded) instead of claiming nothing was found. Thread-safe.
 */
final class LoadingAwareAgent implements Agent {
    private static final Logger LOG = LoggerFactory.getLogger(LoadingAwareAgent.class);
    static final String REASON = "knowledge base still loading";

    private final Agent delegate;
    private final KnowledgeBootstrap bootstrap;

    LoadingAwareAgent(Agent delegate, KnowledgeBootstrap bootstrap) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public List<String> tools() {
        return delegate.tools();
    }

    @Override
    public AgentResult run(AgentRequest request, Principal principal) {
        return run(request, principal, RunListener.NONE);
    }

    /** Passes the run's events on, holding the answer back until it is known whether it must be replaced. */
    @Override
    public AgentResult run(AgentRequest request, Principal principal, RunListener listener) {
        boolean[] skipped = {false};
        boolean live = bootstrap.isReady();
        List<String> answer = new ArrayList<>();
        RunListener holdingAnswer = new RunListener() {
            @Override
            public void onRunStarted(String runId) {
                listener.onRunStarted(runId);
            }

            @Override
            public void onRunStarted(String runId, String conversationId) {
                listener.onRunStarted(runId, conversationId);
            }

            @Override
            public void onPlan(Plan plan) {
                listener.onPlan(plan);
            }

            @Override
            public void onStep(int index, StepResult step) {
                listener.onStep(index, step);
            }

            @Override
            public void onAnswerDelta(String delta) {
                // once the knowledge base is ready nothing can be replaced: the answer streams as it is written
                if (live) {
                    tell(listener, delta);
                } else {
                    answer.add(delta);
                }
            }
        };
        AgentResult result = bootstrap.tracking(() -> delegate.run(request, principal, holdingAnswer), skipped);
        if (!skipped[0]) {
            if (!live) {
                answer.forEach(delta -> tell(listener, delta));
            }
            return result;
        }
        String output = Language.detect(request.input()) == Language.PL
                ? "Baza wiedzy jeszcze się wczytuje. Zapytaj ponownie za kilka sekund."
                : "The knowledge base is still loading. Please ask again in a few seconds.";
        String reason = result.degradedReason().map(r -> r + "; " + REASON).orElse(REASON);
        tell(listener, output);
        return new AgentResult(
                result.runId(),
                result.agent(),
                output,
                result.usedTools(),
                result.steps(),
                result.citations(),
                true,
                Optional.of(reason),
                result.conversationId(),
                result.citedSteps());
    }

    private static void tell(RunListener listener, String delta) {
        try {
            listener.onAnswerDelta(delta);
        } catch (RuntimeException e) {
            LOG.warn("run listener failed in onAnswerDelta; the run goes on: {}", e.toString());
        }
    }
}
