package com.astradesk.core.approval;

import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolOutcome;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an approved step did when it ran, as kept with its {@link Approval} so that the requester — who was not
 * there when it ran — can read it later. Kept redacted, as the audit keeps a call's arguments: {@link #of} runs the
 * summary, the data and the error through the {@link Redactor}. Immutable and thread-safe.
 *
 * @param outcome exactly how the registry's chain ended the call
 * @param summary the tool's summary, when it returned a result
 * @param data    the tool's structured result (empty unless it returned one)
 * @param error   a message safe to show the caller, when the call did not end {@code ok}
 */
public record ExecutedStep(
        CallOutcome outcome, Optional<String> summary, Map<String, Object> data, Optional<String> error) {

    public ExecutedStep {
        Objects.requireNonNull(outcome, "outcome");
        summary = Objects.requireNonNullElse(summary, Optional.empty());
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
        error = Objects.requireNonNullElse(error, Optional.empty());
    }

    /**
     * The step as the registry answered it, redacted by {@code redactor}: the result's summary and data for {@code
     * ok}, else the error (or the denial's reason, or the outcome's wire name).
     */
    public static ExecutedStep of(ToolOutcome outcome, Redactor redactor) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(redactor, "redactor");
        if (outcome.status() == CallStatus.OK && outcome.result().isPresent()) {
            var result = outcome.result().get();
            return new ExecutedStep(
                    outcome.outcome(),
                    Optional.of(redactor.redact(result.summary())),
                    redactor.redactMap(result.data()),
                    Optional.empty());
        }
        String error = outcome.error()
                .or(() -> outcome.denial().map(d -> d.reason()))
                .orElse(outcome.outcome().wireName());
        return new ExecutedStep(outcome.outcome(), Optional.empty(), Map.of(), Optional.of(redactor.redact(error)));
    }

    /** How the step ended, as the caller sees it. */
    public CallStatus status() {
        return outcome.status();
    }
}
