package com.astradesk.model.internal;

import com.astradesk.core.guardrail.GuardrailResult;
import com.astradesk.core.guardrail.InputGuardrail;
import com.astradesk.core.guardrail.OutputGuardrail;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.GuardrailViolationException;
import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.ModelUsage;
import com.astradesk.core.model.ModelUsageListener;
import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.model.ChatBounds;
import com.astradesk.model.ModelLimits;
import com.astradesk.model.ResilienceConfig;
import com.astradesk.model.provider.ChatProvider;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway template: every call runs normalize → validate → clamp → input guardrails → provider under
 * timeout/retry/breaker → output guardrails → usage. Providers only implement one call. Thread-safe.
 */
public final class DefaultModelGateway implements ModelGateway {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultModelGateway.class);

    private final ChatProvider provider;
    private final ChatBounds bounds;
    private final ModelLimits limits;
    private final ResilienceConfig resilience;
    private final ResilientCaller caller;
    private final List<InputGuardrail> inputGuardrails;
    private final List<OutputGuardrail> outputGuardrails;
    private final ModelUsageListener usageListener;
    private final GenAiObservations observations;

    /** Wires a gateway reporting to {@link Telemetry#global()}; see {@link com.astradesk.model.ModelGateways}. */
    public DefaultModelGateway(
            ChatProvider provider,
            ChatBounds bounds,
            ModelLimits limits,
            ResilienceConfig resilience,
            List<InputGuardrail> inputGuardrails,
            List<OutputGuardrail> outputGuardrails,
            ModelUsageListener usageListener) {
        this(
                provider,
                bounds,
                limits,
                resilience,
                inputGuardrails,
                outputGuardrails,
                usageListener,
                Telemetry.global());
    }

    /**
     * Wires a gateway; every call is a {@code gen_ai.chat} observation on {@code telemetry}, and the circuit
     * breaker reports its state there.
     */
    public DefaultModelGateway(
            ChatProvider provider,
            ChatBounds bounds,
            ModelLimits limits,
            ResilienceConfig resilience,
            List<InputGuardrail> inputGuardrails,
            List<OutputGuardrail> outputGuardrails,
            ModelUsageListener usageListener,
            Telemetry telemetry) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.resilience = Objects.requireNonNull(resilience, "resilience");
        this.observations = new GenAiObservations(Objects.requireNonNull(telemetry, "telemetry"), provider);
        this.caller = new ResilientCaller(provider.name(), resilience, telemetry);
        this.inputGuardrails = List.copyOf(inputGuardrails);
        this.outputGuardrails = List.copyOf(outputGuardrails);
        this.usageListener = Objects.requireNonNull(usageListener, "usageListener");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        caller.reportState();
        try (Observation observation = observations.start()) {
            return chat(request, observation);
        }
    }

    private ChatResponse chat(ChatRequest request, Observation observation) {
        try {
            ChatRequest prepared = prepare(request);
            long started = System.nanoTime();
            var outcome = caller.call(resilience.timeout(), () -> provider.doChat(prepared), ResilientCaller.ALWAYS);
            ChatResponse answer = outcome.value();
            record(answer, started, outcome.attempts(), false);
            observations.completed(observation, answer);
            String content = answer.content();
            for (OutputGuardrail guardrail : outputGuardrails) {
                GuardrailResult result = guardrail.check(content, prepared);
                if (result instanceof GuardrailResult.Truncate cut) {
                    content = content.substring(0, Math.min(cut.length(), content.length()));
                } else if (result instanceof GuardrailResult.Failure failure) {
                    throw new GuardrailViolationException(failure.rule(), false, failure.message());
                }
            }
            return new ChatResponse(content, answer.usage(), provider.name(), provider.model());
        } catch (ModelException e) {
            observations.failed(observation, e);
            failed(e);
            throw e;
        }
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> onToken) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(onToken, "onToken");
        caller.reportState();
        try (Observation observation = observations.start()) {
            return stream(request, onToken, observation);
        }
    }

    private ChatResponse stream(ChatRequest request, Consumer<String> onToken, Observation observation) {
        try {
            ChatRequest prepared = prepare(request);
            var state = new StreamGuard(prepared, outputGuardrails, onToken);
            long started = System.nanoTime();
            var outcome = caller.call(
                    resilience.streamTimeout(),
                    () -> {
                        state.restart();
                        return provider.doStream(prepared, state::accept);
                    },
                    () -> !state.delivered());
            ChatResponse answer = outcome.value();
            record(answer, started, outcome.attempts(), true);
            observations.completed(observation, answer);
            if (state.violation() != null) {
                throw state.violation();
            }
            String content = state.text();
            for (OutputGuardrail guardrail : outputGuardrails) {
                if (guardrail.incremental()) {
                    continue;
                }
                GuardrailResult result = guardrail.check(content, prepared);
                if (result instanceof GuardrailResult.Failure failure) {
                    throw new GuardrailViolationException(failure.rule(), false, failure.message());
                }
            }
            state.finish();
            return new ChatResponse(content, answer.usage(), provider.name(), provider.model());
        } catch (ModelException e) {
            observations.failed(observation, e);
            failed(e);
            throw e;
        }
    }

    @Override
    public String provider() {
        return provider.name();
    }

    private ChatRequest prepare(ChatRequest request) {
        ChatRequest prepared = Conversations.prepare(request, bounds, limits.maxMessages());
        for (InputGuardrail guardrail : inputGuardrails) {
            GuardrailResult result = guardrail.check(prepared);
            if (result instanceof GuardrailResult.Failure failure) {
                throw new GuardrailViolationException(failure.rule(), true, failure.message());
            }
            if (result instanceof GuardrailResult.Truncate cut) {
                throw new GuardrailViolationException(cut.rule(), true, "input exceeds the limit");
            }
        }
        return prepared;
    }

    private void record(ChatResponse answer, long startedNanos, int attempts, boolean streamed) {
        var usage = new ModelUsage(
                provider.name(),
                provider.model(),
                answer.usage(),
                Duration.ofNanos(System.nanoTime() - startedNanos),
                attempts,
                streamed);
        try {
            usageListener.onUsage(usage);
        } catch (RuntimeException e) {
            LOG.warn("model usage listener failed", e);
        }
    }

    private void failed(ModelException error) {
        try {
            usageListener.onFailure(provider.name(), error);
        } catch (RuntimeException e) {
            LOG.warn("model usage listener failed", e);
        }
    }

    /**
     * Runs incremental output guardrails on a growing stream and forwards what passes. The last
     * {@value #HOLDBACK} characters are held back until more text arrives or the stream ends, so a blocklisted
     * string split across chunks is refused before its beginning reaches the caller. One per stream.
     */
    private static final class StreamGuard {
        private static final int HOLDBACK = 32;

        private final ChatRequest request;
        private final List<OutputGuardrail> guardrails;
        private final Consumer<String> onToken;
        private final StringBuilder text = new StringBuilder();
        private int forwarded;
        private final AtomicBoolean delivered = new AtomicBoolean();
        private volatile GuardrailViolationException violation;

        StreamGuard(ChatRequest request, List<OutputGuardrail> guardrails, Consumer<String> onToken) {
            this.request = request;
            this.guardrails =
                    guardrails.stream().filter(OutputGuardrail::incremental).toList();
            this.onToken = onToken;
        }

        /** A new attempt starts; only possible while nothing was forwarded. */
        synchronized void restart() {
            text.setLength(0);
            forwarded = 0;
            violation = null;
        }

        synchronized boolean accept(String token) {
            if (violation != null) {
                return false;
            }
            String candidate = text + token;
            int keep = candidate.length();
            for (OutputGuardrail guardrail : guardrails) {
                GuardrailResult result = guardrail.check(candidate, request);
                if (result instanceof GuardrailResult.Failure failure) {
                    violation = new GuardrailViolationException(failure.rule(), false, failure.message());
                    return false;
                }
                if (result instanceof GuardrailResult.Truncate cut) {
                    keep = Math.min(keep, cut.length());
                }
            }
            text.setLength(0);
            text.append(candidate, 0, keep);
            boolean cut = keep < candidate.length();
            forward(cut ? text.length() : text.length() - HOLDBACK);
            return !cut;
        }

        /** The stream ended normally: forwards what was held back. */
        synchronized void finish() {
            forward(text.length());
        }

        private void forward(int upTo) {
            if (upTo > forwarded) {
                String piece = text.substring(forwarded, upTo);
                forwarded = upTo;
                delivered.set(true);
                onToken.accept(piece);
            }
        }

        boolean delivered() {
            return delivered.get();
        }

        synchronized String text() {
            return text.toString();
        }

        GuardrailViolationException violation() {
            return violation;
        }
    }
}
