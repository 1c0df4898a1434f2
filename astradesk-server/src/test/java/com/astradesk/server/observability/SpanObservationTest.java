package com.astradesk.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.TelemetryNames;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** An observation puts its ids in the MDC and restores it on close; its metrics read the latest attribute values. */
class SpanObservationTest {
    private final ServerTelemetry telemetry = ServerTelemetry.local();

    @AfterEach
    void close() {
        telemetry.close();
        MDC.clear();
    }

    @Test
    void should_restore_the_mdc_of_nested_observations_key_by_key() {
        // given
        MDC.clear();
        MDC.put("run_id", "outer-run");
        MDC.put("request_id", "req-1");

        // when
        Map<String, String> inside;
        Map<String, String> between;
        try (Observation run = telemetry.start(
                TelemetryNames.AGENT_RUN, Map.of(TelemetryNames.AGENT, "ops", TelemetryNames.RUN_ID, "run-9"))) {
            String runSpan = MDC.get("span_id");
            try (Observation call = telemetry.start(
                    TelemetryNames.TOOL_CALL,
                    Map.of(TelemetryNames.TOOL, "get_metrics", TelemetryNames.RUN_ID, "r2"))) {
                inside = MDC.getCopyOfContextMap();
                assertThat(MDC.get("span_id")).isNotEqualTo(runSpan);
            }
            between = MDC.getCopyOfContextMap();
            assertThat(between.get("span_id")).isEqualTo(runSpan);
        }

        // then
        assertThat(inside)
                .containsEntry("agent", "ops")
                .containsEntry("run_id", "r2")
                .containsEntry("request_id", "req-1")
                .containsKeys("trace_id", "span_id");
        assertThat(between).containsEntry("run_id", "run-9").containsEntry("agent", "ops");
        assertThat(MDC.getCopyOfContextMap())
                .as("exactly the MDC from before the first observation")
                .isEqualTo(Map.of("run_id", "outer-run", "request_id", "req-1"));
    }

    @Test
    void should_record_metrics_from_the_latest_attribute_values() {
        // given
        Map<String, Object> mutable = new HashMap<>(Map.of(TelemetryNames.TOOL, "first_tool"));

        // when: a later attribute overrides the initial one; a caller's later change to its own map does not count
        try (Observation call = telemetry.start(TelemetryNames.TOOL_CALL, Map.of(TelemetryNames.TOOL, "t1"))) {
            call.attribute(TelemetryNames.TOOL, "t2").outcome("denied");
        }
        try (Observation call = telemetry.start(TelemetryNames.TOOL_CALL, mutable)) {
            mutable.put(TelemetryNames.TOOL, "changed_later");
        }
        try (Observation run = telemetry.start(TelemetryNames.AGENT_RUN, Map.of())) {
            run.outcome("degraded");
        }

        // then
        String scrape = telemetry.metrics().scrape();
        assertThat(scrape)
                .contains("astradesk_tool_calls_total{outcome=\"denied\",tool=\"t2\"} 1.0")
                .contains("astradesk_tool_calls_total{outcome=\"ok\",tool=\"first_tool\"} 1.0")
                .contains("astradesk_agent_runs_total{agent=\"unknown\",status=\"degraded\"} 1.0")
                .doesNotContain("tool=\"t1\"")
                .doesNotContain("changed_later");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
