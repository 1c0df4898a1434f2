package com.astradesk.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.TelemetryNames;
import com.astradesk.server.config.AstraDeskConfig;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spans leave the process over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (fake collector on loopback). */
class OtlpExportTest {
    private record Received(String path, String contentType, String headerValue, byte[] body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer collector;

    @BeforeEach
    void start() throws IOException {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Api-Key"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stop() {
        collector.stop(0);
    }

    @Test
    void should_post_spans_to_the_collector_when_an_otlp_endpoint_is_configured() throws InterruptedException {
        // given
        AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "http://127.0.0.1:" + collector.getAddress().getPort(),
                "OTEL_EXPORTER_OTLP_HEADERS", "X-Api-Key=secret-1",
                "OTEL_SERVICE_NAME", "astradesk-test"));
        ServerTelemetry telemetry = ServerTelemetry.create(config.observability());

        // when
        try (Observation run = telemetry.start(TelemetryNames.AGENT_RUN, Map.of(TelemetryNames.AGENT, "ops"))) {
            run.outcome("ok");
        }
        telemetry.close();

        // then: close() waits at most 5 s for the flush; a cold exporter on a busy machine can take longer, and
        // the flush goes on after close() returns
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(received).isNotEmpty();
        Received export = received.get(0);
        assertThat(export.path()).isEqualTo("/v1/traces");
        assertThat(export.contentType()).isEqualTo("application/x-protobuf");
        assertThat(export.headerValue()).isEqualTo("secret-1");
        String body = new String(export.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("agent.run", "astradesk-test", "astradesk.agent");
    }

    @Test
    void should_create_trace_ids_but_export_nothing_when_no_exporter_is_configured() {
        // given
        ServerTelemetry telemetry =
                ServerTelemetry.create(AstraDeskConfig.fromEnv(Map.of()).observability());

        // when
        String traceId;
        try (Observation run = telemetry.start(TelemetryNames.AGENT_RUN, Map.of())) {
            traceId = run.traceId().orElseThrow();
        }
        telemetry.close();

        // then
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(received).isEmpty();
    }
}
