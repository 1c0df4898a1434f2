package com.astradesk.server.wiring;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.nats.NatsTestSupport;
import com.astradesk.core.store.nats.PrivateNatsServer;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server with {@code NATS_URL}: audit events of each run are relayed to JetStream on {@code astradesk.audit}. */
class NatsAuditRelayServerIT {
    @TempDir
    Path home;

    private Map<String, String> env(String natsUrl) {
        return Map.of(
                "PORT", "0",
                "BIND_ADDRESS", "127.0.0.1",
                "ASTRADESK_HOME", home.toString(),
                "EMBEDDING_MODEL", "hashing",
                "NATS_URL", natsUrl);
    }

    @Test
    void should_relay_every_audit_event_of_a_run_to_jetstream() throws Exception {
        try (PrivateNatsServer nats = PrivateNatsServer.start()) {
            // given
            AstraDeskConfig config = AstraDeskConfig.fromEnv(env(nats.url()));
            String sre = DevIssuer.loadOrCreate(config.devIssuer().keyFile())
                    .mint("alice", List.of("sre"), List.of(), Duration.ofMinutes(5));
            try (AstraDeskServer server = ServerWiring.wire(config).start()) {
                HttpHarness http = new HttpHarness(server);

                // when
                HttpResponse<String> run =
                        http.postJson("/v1/agents/run", sre, "{\"agent\":\"ops\",\"input\":\"restart payments-api\"}");
                String runId = json(run).get("run_id").asText();

                // then: the tool call and the agents.run record arrive, chained, with the run id
                assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
                List<JsonNode> events = awaitEvents(nats.url(), runId, 2);
                assertThat(events)
                        .extracting(e -> e.get("action").asText())
                        .containsExactly("restart_service", "agents.run");
                assertThat(events.get(1).get("prev_hash").asText())
                        .isEqualTo(events.get(0).get("hash").asText());
                assertThat(awaitReadyz(http, code -> code == 200).body()).contains("\"nats\":\"up\"");
            }
        }
    }

    @Test
    void should_answer_runs_and_report_nats_not_ready_while_nats_is_unreachable() throws Exception {
        // given: a port nobody listens on
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        AstraDeskConfig config = AstraDeskConfig.fromEnv(env("nats://127.0.0.1:" + closedPort));
        String sre = DevIssuer.loadOrCreate(config.devIssuer().keyFile())
                .mint("alice", List.of("sre"), List.of(), Duration.ofMinutes(5));
        try (AstraDeskServer server = ServerWiring.wire(config).start()) {
            HttpHarness http = new HttpHarness(server);

            // when
            HttpResponse<String> run = http.postJson(
                    "/v1/agents/run", sre, "{\"agent\":\"ops\",\"input\":\"show metrics for payments-api\"}");
            HttpResponse<String> ready = awaitReadyz(http, code -> code == 503);

            // then: the run is not held up by the audit relay; readiness names NATS
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("nats");
        }
    }

    private static List<JsonNode> awaitEvents(String url, String runId, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<JsonNode> mine = List.of();
        while (System.nanoTime() < deadline) {
            try {
                mine = NatsTestSupport.readAll(url, NatsAuditConfig.DEFAULT_SUBJECT).stream()
                        .map(NatsAuditRelayServerIT::parse)
                        .filter(e -> runId.equals(e.path("run_id").asText()))
                        .toList();
            } catch (IllegalStateException streamNotYetCreated) {
                // the relay creates the stream with its first publish
            }
            if (mine.size() >= expected) {
                return mine;
            }
            Thread.sleep(200);
        }
        return mine;
    }

    private static JsonNode parse(String payload) {
        try {
            return com.astradesk.server.support.internal.ServerJson.mapper().readTree(payload);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + payload, e);
        }
    }

    private static HttpResponse<String> awaitReadyz(HttpHarness http, IntPredicate wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> ready = http.get("/readyz", null);
        while (!wanted.test(ready.statusCode()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = http.get("/readyz", null);
        }
        return ready;
    }
}
