package com.astradesk.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.TelemetryNames;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without export, spans are local: real ids for logs, audit records and outgoing calls, nothing recorded. */
class LocalSpansTest {
    private static final String PARENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";

    @Test
    void should_continue_the_callers_trace_with_a_new_span_id() {
        // given
        Context parent = Context.root()
                .with(Span.wrap(SpanContext.createFromRemoteParent(
                        PARENT_TRACE, PARENT_SPAN, TraceFlags.getSampled(), TraceState.getDefault())));

        // when
        Span span = ServerTelemetry.localSpan(parent);

        // then
        assertThat(span.getSpanContext().isValid()).isTrue();
        assertThat(span.getSpanContext().getTraceId()).isEqualTo(PARENT_TRACE);
        assertThat(span.getSpanContext().getSpanId()).isNotEqualTo(PARENT_SPAN);
        assertThat(span.isRecording()).isFalse();
    }

    @Test
    void should_start_a_new_sampled_trace_without_a_parent_and_propagate_it() {
        // given
        ServerTelemetry telemetry = ServerTelemetry.local();

        // when
        Span first = ServerTelemetry.localSpan(Context.root());
        Span second = ServerTelemetry.localSpan(Context.root());
        Map<String, String> headers;
        String traceId;
        try (Scope ignored = first.makeCurrent();
                Observation observation = telemetry.start(TelemetryNames.TOOL_CALL, Map.of(TelemetryNames.TOOL, "t"))) {
            headers = telemetry.propagationHeaders();
            traceId = observation.traceId().orElseThrow();
        }

        // then
        assertThat(first.getSpanContext().isValid()).isTrue();
        assertThat(first.getSpanContext().isSampled()).isTrue();
        assertThat(second.getSpanContext().getTraceId())
                .isNotEqualTo(first.getSpanContext().getTraceId());
        assertThat(traceId).isEqualTo(first.getSpanContext().getTraceId());
        assertThat(headers.get("traceparent")).startsWith("00-" + traceId + "-").endsWith("-01");
        assertThat(telemetry.metrics().scrape()).contains("astradesk_tool_calls_total{outcome=\"ok\",tool=\"t\"} 1.0");
        telemetry.close();
    }
}
