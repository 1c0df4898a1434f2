package com.astradesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Closing the server lets a request in flight finish and logs one line when it begins and one when it ends. */
class GracefulShutdownHttpTest {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** An agent whose run waits until the test releases it. */
    private final Agent slow = new Agent() {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public String description() {
            return "answers when released";
        }

        @Override
        public List<String> tools() {
            return List.of();
        }

        @Override
        public AgentResult run(AgentRequest request, Principal principal) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new AgentResult(
                    "run-slow", "slow", "finished", List.of(), List.of(), List.of(), false, Optional.empty());
        }
    };

    @Test
    void should_finish_a_request_in_flight_and_log_the_shutdown_once_at_each_end() throws Exception {
        // given: a run in flight
        Logger log = (Logger) LoggerFactory.getLogger(AstraDeskServer.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        log.setLevel(Level.INFO);
        log.setAdditive(false);
        log.addAppender(captured);
        DevIssuer issuer = DevIssuer.ephemeral();
        TestFixtures fixtures = new TestFixtures();
        AstraDeskServer server = AstraDeskServer.builder()
                .withAgents(List.of(slow))
                .withToolRegistry(fixtures.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(issuer))
                .build()
                .start();
        try {
            HttpHarness http = new HttpHarness(server);
            String token = issuer.mint("alice", List.of("it.support"), List.of(), Duration.ofMinutes(5));
            CompletableFuture<HttpResponse<String>> inFlight =
                    CompletableFuture.supplyAsync(() -> http.send(http.request("/v1/agents/run")
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"agent\":\"slow\",\"input\":\"take your time\"}"))));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

            // when: the server is closed while the run is still going, then the run ends
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            Thread.sleep(300);
            boolean closedBeforeTheRunEnded = closing.isDone();
            release.countDown();
            closing.get(30, TimeUnit.SECONDS);

            // then
            assertThat(closedBeforeTheRunEnded).isFalse();
            HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("finished");
            List<String> lines = captured.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("shut"))
                    .toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("AstraDesk server shutting down");
            assertThat(lines.get(1)).matches("AstraDesk server shut down in \\d+ ms");
        } finally {
            release.countDown();
            log.detachAppender(captured);
            log.setAdditive(true);
            log.setLevel(null);
        }
    }
}
