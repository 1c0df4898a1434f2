package com.astradesk.server.knowledge;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decorates an agent so a knowledge answer given while the knowledge base was still loading says so (and is
 * marked degraded) instead of claiming nothing was found. Thread-safe.
 */
final class LoadingAwareAgent implements Agent {
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
        boolean[] skipped = {false};
        AgentResult result = bootstrap.tracking(() -> delegate.run(request, principal), skipped);
        if (!skipped[0]) {
            return result;
        }
        String output = Language.detect(request.input()) == Language.PL
                ? "Baza wiedzy jeszcze się wczytuje. Zapytaj ponownie za kilka sekund."
                : "The knowledge base is still loading. Please ask again in a few seconds.";
        String reason = result.degradedReason().map(r -> r + "; " + REASON).orElse(REASON);
        return new AgentResult(
                result.runId(),
                result.agent(),
                output,
                result.usedTools(),
                result.steps(),
                result.citations(),
                true,
                Optional.of(reason));
    }
}
