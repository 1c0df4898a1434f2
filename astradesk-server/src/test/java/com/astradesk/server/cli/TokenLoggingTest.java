package com.astradesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.LoggingConfig;
import com.astradesk.server.http.AstraDeskServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TokenLoggingTest {

    @Test
    void should_never_log_a_bearer_token_even_with_log_level_trace() {
        // given: LOG_LEVEL=TRACE applied as `serve` does, every event captured
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        LoggingSetup.apply(new LoggingConfig("TRACE"));
        TestFixtures fixtures = new TestFixtures();
        DevIssuer issuer = DevIssuer.ephemeral();
        String good = issuer.mint("alice", List.of("sre"), List.of(), Duration.ofMinutes(5));
        String foreign = DevIssuer.ephemeral().mint("eve", List.of("sre"), List.of(), Duration.ofMinutes(5));
        try (AstraDeskServer server = AstraDeskServer.builder()
                .withAgents(fixtures.agents())
                .withToolRegistry(fixtures.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(issuer))
                .build()
                .start()) {
            HttpHarness http = new HttpHarness(server);

            // when: a good and a refused token are used
            assertThat(http.postJson("/v1/agents/run", good, "{\"agent\":\"ops\",\"input\":\"restart webapp\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(http.get("/v1/tools", foreign).statusCode()).isEqualTo(401);
        } finally {
            root.setLevel(previous);
            LoggingSetup.HEADER_LOGGERS.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).setLevel(null));
            root.detachAppender(captured);
        }

        // then: requests were logged, tokens never
        assertThat(captured.list).isNotEmpty();
        assertThat(captured.list)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("POST /v1/agents/run"));
        assertThat(captured.list).anySatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                            ? ""
                            : event.getThrowableProxy().getMessage());
            assertThat(text).doesNotContain(signature(good)).doesNotContain(signature(foreign));
        }
    }

    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }
}
