package com.astradesk.server.observability;

import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.TelemetryNames;
import com.astradesk.server.security.LogRedaction;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * One observation as a current span; on close it ends the span, records the matching metric and restores the MDC.
 * Confined to the thread that opened it.
 */
final class SpanObservation implements Observation {
    /** MDC keys set while the observation is open, from these attributes. */
    private static final Map<String, String> MDC_KEYS = Map.of(
            TelemetryNames.AGENT, "agent",
            TelemetryNames.RUN_ID, "run_id",
            TelemetryNames.GEN_AI_PROVIDER_NAME, "provider");

    private final String name;
    private final Span span;
    private final Scope scope;
    private final ServerMetrics metrics;
    private final long startNanos = System.nanoTime();
    private final Map<String, Object> attributes;
    private final boolean exporting;
    private final Map<String, String> previousMdc = new HashMap<>();
    private String outcome = TelemetryNames.OK;
    private boolean failed;
    private boolean closed;

    /** @param exporting whether spans leave the process: when not, attributes are kept for metrics only */
    @SuppressWarnings("MustBeClosedChecker") // the scope lives as long as the observation: close() closes it
    SpanObservation(String name, Span span, Map<String, ?> initial, ServerMetrics metrics, boolean exporting) {
        this.name = name;
        this.exporting = exporting;
        this.span = span;
        this.metrics = metrics;
        this.attributes = new HashMap<>(initial);
        this.scope = span.makeCurrent();
        putMdc("trace_id", span.getSpanContext().getTraceId());
        putMdc("span_id", span.getSpanContext().getSpanId());
        MDC_KEYS.forEach((attribute, key) -> {
            Object value = initial.get(attribute);
            if (value != null) {
                putMdc(key, value.toString());
            }
        });
    }

    @Override
    public Observation attribute(String key, String value) {
        if (key != null && value != null) {
            if (exporting) {
                span.setAttribute(key, LogRedaction.attribute(value));
            }
            attributes.put(key, value);
        }
        return this;
    }

    @Override
    public Observation attribute(String key, long value) {
        if (key != null) {
            if (exporting) {
                span.setAttribute(AttributeKey.longKey(key), value);
            }
            attributes.put(key, value);
        }
        return this;
    }

    @Override
    public Observation outcome(String outcome) {
        if (outcome != null) {
            this.outcome = outcome;
            if (outcome.equals(TelemetryNames.ERROR)) {
                failed = true;
            }
        }
        return this;
    }

    @Override
    public Observation error(Throwable error) {
        failed = true;
        outcome = TelemetryNames.ERROR;
        if (error != null) {
            span.setAttribute("error.type", error.getClass().getName());
        }
        return this;
    }

    @Override
    public Optional<String> traceId() {
        return Optional.of(span.getSpanContext().getTraceId());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long nanos = System.nanoTime() - startNanos;
        try {
            record(nanos);
        } finally {
            span.setAttribute("astradesk.outcome", outcome);
            if (failed) {
                span.setStatus(StatusCode.ERROR, outcome);
            }
            span.end();
            scope.close();
            previousMdc.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }

    private void record(long nanos) {
        switch (name) {
            case TelemetryNames.TOOL_CALL -> metrics.toolCall(string(TelemetryNames.TOOL), outcome, nanos);
            case TelemetryNames.GEN_AI_CHAT ->
                metrics.modelCall(
                        string(TelemetryNames.GEN_AI_PROVIDER_NAME),
                        outcome,
                        nanos,
                        number(TelemetryNames.GEN_AI_USAGE_INPUT_TOKENS),
                        number(TelemetryNames.GEN_AI_USAGE_OUTPUT_TOKENS));
            case TelemetryNames.AGENT_RUN -> metrics.agentRun(string(TelemetryNames.AGENT), outcome);
            default -> {}
        }
    }

    private String string(String key) {
        Object value = attributes.get(key);
        return value == null ? "unknown" : value.toString();
    }

    private long number(String key) {
        return attributes.get(key) instanceof Number n ? n.longValue() : 0L;
    }

    private void putMdc(String key, String value) {
        previousMdc.putIfAbsent(key, MDC.get(key));
        MDC.put(key, value);
    }
}
