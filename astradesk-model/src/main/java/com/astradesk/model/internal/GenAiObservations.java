package com.astradesk.model.internal;

import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.CircuitOpenException;
import com.astradesk.core.model.GuardrailViolationException;
import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelTimeoutException;
import com.astradesk.core.model.ProviderOverloadedException;
import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.telemetry.TelemetryNames;
import com.astradesk.model.provider.ChatProvider;
import java.util.Map;

/**
 * The gateway's {@code gen_ai.chat} observations with the OpenTelemetry GenAI attributes. Outcomes: {@code ok},
 * {@code circuit_open}, {@code timeout}, {@code rate_limited}, {@code guardrail}, {@code error}. Thread-safe.
 */
final class GenAiObservations {
    private final Telemetry telemetry;
    private final Map<String, String> attributes;

    GenAiObservations(Telemetry telemetry, ChatProvider provider) {
        this.telemetry = telemetry;
        this.attributes = Map.of(
                TelemetryNames.GEN_AI_OPERATION_NAME, "chat",
                TelemetryNames.GEN_AI_PROVIDER_NAME, provider.name(),
                TelemetryNames.GEN_AI_SYSTEM, provider.name(),
                TelemetryNames.GEN_AI_REQUEST_MODEL, provider.model());
    }

    Observation start() {
        return telemetry.start(TelemetryNames.GEN_AI_CHAT, attributes);
    }

    void completed(Observation observation, ChatResponse answer) {
        observation
                .attribute(
                        TelemetryNames.GEN_AI_USAGE_INPUT_TOKENS, answer.usage().inputTokens())
                .attribute(
                        TelemetryNames.GEN_AI_USAGE_OUTPUT_TOKENS,
                        answer.usage().outputTokens())
                .outcome(TelemetryNames.OK);
    }

    void failed(Observation observation, ModelException error) {
        observation.error(error).outcome(outcome(error));
    }

    static String outcome(ModelException error) {
        if (error instanceof CircuitOpenException) {
            return "circuit_open";
        }
        if (error instanceof ModelTimeoutException) {
            return "timeout";
        }
        if (error instanceof ProviderOverloadedException) {
            return "rate_limited";
        }
        if (error instanceof GuardrailViolationException) {
            return "guardrail";
        }
        return TelemetryNames.ERROR;
    }
}
