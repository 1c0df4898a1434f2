package com.astradesk.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.TelemetryNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class JsonLoggingTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger("com.astradesk.test");

    @AfterEach
    void clear() {
        MDC.clear();
    }

    private JsonNode render(String message, Throwable error) throws IOException {
        var event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, error, null);
        byte[] line = JsonLogging.encoder(context).encode(event);
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith(System.lineSeparator()).doesNotContain("\n{");
        return new ObjectMapper().readTree(text);
    }

    @Test
    void should_write_one_json_object_with_the_trace_and_run_ids_of_the_open_observation() throws IOException {
        // given
        ServerTelemetry telemetry = ServerTelemetry.local();
        MDC.put("request_id", "req-7");
        JsonNode line;
        String traceId;

        // when
        try (Observation run = telemetry.start(
                TelemetryNames.AGENT_RUN, Map.of(TelemetryNames.AGENT, "ops", TelemetryNames.RUN_ID, "run-1"))) {
            traceId = run.traceId().orElseThrow();
            line = render("planner failed", null);
        }

        // then
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("logger").asText()).isEqualTo("com.astradesk.test");
        assertThat(line.get("message").asText()).isEqualTo("planner failed");
        assertThat(line.get("@timestamp").asText()).isNotBlank();
        assertThat(line.get("request_id").asText()).isEqualTo("req-7");
        assertThat(line.get("trace_id").asText()).isEqualTo(traceId).isNotEqualTo("0".repeat(32));
        assertThat(line.get("span_id").asText()).matches("[0-9a-f]{16}");
        assertThat(line.get("run_id").asText()).isEqualTo("run-1");
        assertThat(line.get("agent").asText()).isEqualTo("ops");
        assertThat(MDC.get("trace_id")).as("MDC restored after the observation").isNull();
        telemetry.close();
    }

    @Test
    void should_redact_personal_data_in_message_and_stack_trace() throws IOException {
        // when
        JsonNode line = render(
                "ticket for jan.kowalski@example.com", new IllegalStateException("card 4111 1111 1111 1111 refused"));

        // then
        assertThat(line.get("message").asText())
                .doesNotContain("jan.kowalski@example.com")
                .contains("[REDACTED");
        assertThat(line.get("stack_trace").asText())
                .contains("IllegalStateException")
                .doesNotContain("4111 1111 1111 1111");
    }
}
