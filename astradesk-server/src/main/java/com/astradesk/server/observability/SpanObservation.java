package com.astradesk.server.observability;

import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.TelemetryNames;
import com.astradesk.server.security.LogRedaction;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.MDC;

/**
 * One observation as a current span; on close it ends the span, records the matching metric and restores the MDC.
 * Confined to the thread that opened it.
 */
final class SpanObservation implements Observation {
    /** MDC keys set while the observation is open ({@code MDC_KEYS[i]}), from these attributes. */
    private static final String[] MDC_ATTRIBUTES = {
        TelemetryNames.AGENT, TelemetryNames.RUN_ID, TelemetryNames.GEN_AI_PROVIDER_NAME
    };

    private static final String[] MDC_KEYS = {"agent", "run_id", "provider"};
    /** The classes of {@code Map.of(...)}: immutable, so kept as they are instead of copied. */
    private static final Set<Class<?>> IMMUTABLE_MAPS = Set.copyOf(List.of(
            Map.of().getClass(),
            Map.of("k", 1).getClass(),
            Map.of("k", 1, "l", 2).getClass()));

    private final String name;
    private final Span span;
    private final Scope scope;
    private final ServerMetrics metrics;
    private final long startNanos = System.nanoTime();
    // the attributes: those the observation started with (not copied) and those set later (made on the first one);
    // one observation per run, per plan and per tool call, so neither is a map allocated for nothing
    private final Map<String, ?> initial;
    private Map<String, Object> added;
    private final boolean exporting;
    // the MDC keys this observation set (distinct) and the values they had before, restored on close
    private final String[] mdcKeys = new String[2 + MDC_KEYS.length];
    private final String[] previousMdc = new String[mdcKeys.length];
    private int mdcCount;
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
        // a map the caller could still change is copied, as before
        this.initial = IMMUTABLE_MAPS.contains(initial.getClass()) ? initial : new HashMap<>(initial);
        this.scope = span.makeCurrent();
        putMdc("trace_id", span.getSpanContext().getTraceId());
        putMdc("span_id", span.getSpanContext().getSpanId());
        for (int i = 0; i < MDC_KEYS.length; i++) {
            Object value = this.initial.get(MDC_ATTRIBUTES[i]);
            if (value != null) {
                putMdc(MDC_KEYS[i], value.toString());
            }
        }
    }

    @Override
    public Observation attribute(String key, String value) {
        if (key != null && value != null) {
            if (exporting) {
                span.setAttribute(key, LogRedaction.attribute(value));
            }
            set(key, value);
        }
        return this;
    }

    @Override
    public Observation attribute(String key, long value) {
        if (key != null) {
            if (exporting) {
                span.setAttribute(AttributeKey.longKey(key), value);
            }
            set(key, value);
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
            for (int i = 0; i < mdcCount; i++) {
                if (previousMdc[i] == null) {
                    MDC.remove(mdcKeys[i]);
                } else {
                    MDC.put(mdcKeys[i], previousMdc[i]);
                }
            }
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

    private void set(String key, Object value) {
        if (added == null) {
            added = new HashMap<>();
        }
        added.put(key, value);
    }

    /** The attribute's value: the last one set, else the initial one. */
    private Object get(String key) {
        if (added != null && added.containsKey(key)) {
            return added.get(key);
        }
        return initial.get(key);
    }

    private String string(String key) {
        Object value = get(key);
        return value == null ? "unknown" : value.toString();
    }

    private long number(String key) {
        return get(key) instanceof Number n ? n.longValue() : 0L;
    }

    /** Sets an MDC key this observation has not set yet (the constructor's keys are distinct). */
    private void putMdc(String key, String value) {
        mdcKeys[mdcCount] = key;
        previousMdc[mdcCount] = MDC.get(key);
        mdcCount++;
        MDC.put(key, value);
    }
}
