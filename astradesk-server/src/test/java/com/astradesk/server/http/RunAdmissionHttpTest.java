package com.astradesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.RunAdmissionConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** With every run slot busy, a run that waited the queue timeout gets a 503 problem with Retry-After. */
class RunAdmissionHttpTest {
    private static final String BODY = "{\"agent\":\"slow\",\"input\":\"take your time\"}";
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger runs = new AtomicInteger();

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
            runs.incrementAndGet();
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
    void should_answer_503_server_busy_with_retry_after_when_no_slot_frees_in_time() throws Exception {
        // given: one run slot, a 200 ms queue timeout, and a run holding the slot
        DevIssuer issuer = DevIssuer.ephemeral();
        TestFixtures fixtures = new TestFixtures();
        try (AstraDeskServer server = AstraDeskServer.builder()
                .withAgents(List.of(slow))
                .withToolRegistry(fixtures.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(issuer))
                .withRunAdmission(RunAdmission.of(new RunAdmissionConfig(1, Duration.ofMillis(200))))
                .build()
                .start()) {
            HttpHarness http = new HttpHarness(server);
            String token = issuer.mint("alice", List.of("it.support"), List.of(), Duration.ofMinutes(5));
            CompletableFuture<HttpResponse<String>> holding =
                    CompletableFuture.supplyAsync(() -> http.postJson("/v1/agents/run", token, BODY));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

            // when: a second run arrives
            HttpResponse<String> refused = http.postJson("/v1/agents/run", token, BODY);

            // then: refused after the queue timeout, not run; the first run still completes
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            JsonNode problem = new ObjectMapper().readTree(refused.body());
            assertThat(problem.path("status").asInt()).isEqualTo(503);
            assertThat(problem.path("code").asText()).isEqualTo("server_busy");
            assertThat(problem.path("retry_after").asInt()).isEqualTo(1);
            assertThat(problem.path("queue_timeout_ms").asLong()).isEqualTo(200);
            assertThat(problem.path("detail").asText()).contains("no run slot came free within 200 ms");
            assertThat(problem.path("request_id").asText()).isNotBlank();
            assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at com.");
            assertThat(runs).hasValue(1);
            release.countDown();
            assertThat(holding.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

            // and the freed slot serves the next run at once
            HttpResponse<String> next = http.postJson("/v1/agents/run", token, BODY);
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(runs).hasValue(2);
        } finally {
            release.countDown();
        }
    }
}
