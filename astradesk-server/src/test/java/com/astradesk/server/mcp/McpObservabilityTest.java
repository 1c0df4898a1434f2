package com.astradesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.astradesk.server.HttpHarness;
import io.modelcontextprotocol.client.McpSyncClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code /mcp} requests are written to the access log and counted in the HTTP metrics like every other route. */
class McpObservabilityTest {
    private static final String ACCESS = "com.astradesk.server.access";

    private McpFixture fixture;
    private final ListAppender<ILoggingEvent> access = new ListAppender<>();
    private Logger accessLogger;
    private Level previousLevel;

    @BeforeEach
    void start() {
        accessLogger = (Logger) LoggerFactory.getLogger(ACCESS);
        previousLevel = accessLogger.getLevel();
        accessLogger.setLevel(Level.INFO);
        access.start();
        accessLogger.addAppender(access);
        fixture = new McpFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
        accessLogger.detachAppender(access);
        accessLogger.setLevel(previousLevel);
    }

    @Test
    void should_log_and_count_mcp_calls_and_refusals_like_every_other_route() throws InterruptedException {
        // given: an MCP session that lists the tools, and a request without a token
        McpSyncClient client = McpTestClients.bearer(
                fixture.url(), McpFixture.token("ann", List.of(), List.of()), Duration.ofSeconds(20));
        HttpResponse<String> refused;
        try {
            client.initialize();
            client.listTools();
            refused = new HttpHarness(fixture.server).postJson("/mcp", null, "{}");
        } finally {
            client.closeGracefully();
        }
        assertThat(refused.statusCode()).isEqualTo(401);

        // when: the responses are complete (an async response is logged when it completes)
        boolean logged = eventually(() ->
                lines().stream().filter(l -> l.startsWith("POST /mcp -> 200")).count() >= 2
                        && lines().stream().anyMatch(l -> l.startsWith("POST /mcp -> 401")));

        // then
        assertThat(logged).as("access log lines: %s", lines()).isTrue();
        assertThat(access.list)
                .filteredOn(e -> e.getFormattedMessage().startsWith("POST /mcp -> 401"))
                .first()
                .satisfies(e -> {
                    assertThat(e.getMDCPropertyMap()).containsEntry("status", "401");
                    assertThat(e.getMDCPropertyMap().get("request_id")).isNotBlank();
                });
        String metrics = fixture.server.telemetry().metrics().scrape();
        assertThat(metrics)
                .containsPattern(
                        "astradesk_http_server_requests_seconds_count\\{[^}]*route=\"/mcp\"[^}]*status=\"200\"")
                .containsPattern(
                        "astradesk_http_server_requests_seconds_count\\{[^}]*route=\"/mcp\"[^}]*status=\"401\"[^}]*} 1");
    }

    private List<String> lines() {
        return List.copyOf(access.list).stream()
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        return condition.getAsBoolean();
    }
}
