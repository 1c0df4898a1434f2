package com.astradesk.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.TelemetryNames;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanAttributesTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final ServerTelemetry telemetry = ServerTelemetry.withSpanProcessor(SimpleSpanProcessor.create(spans));

    @Test
    void should_redact_personal_data_in_string_attributes() {
        // when
        try (Observation o =
                telemetry.start(TelemetryNames.TOOL_CALL, Map.of("astradesk.note", "mail jan@example.com"))) {
            o.attribute("astradesk.later", "call +48 601 234 567");
        }

        // then
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("astradesk.note")))
                .doesNotContain("jan@example.com");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("astradesk.later")))
                .doesNotContain("601 234 567");
    }

    @Test
    void should_mark_the_span_failed_and_count_the_error_when_an_observation_records_one() {
        // when
        try (Observation o = telemetry.start(TelemetryNames.TOOL_CALL, Map.of(TelemetryNames.TOOL, "get_status"))) {
            o.error(new IllegalStateException("backend down"));
        }

        // then
        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(telemetry.metrics().scrape())
                .contains("astradesk_tool_calls_total{outcome=\"error\",tool=\"get_status\"} 1.0");
    }
}
