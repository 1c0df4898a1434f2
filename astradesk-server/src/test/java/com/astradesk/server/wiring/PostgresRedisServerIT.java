package com.astradesk.server.wiring;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.config.KnowledgeConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.knowledge.Embedders;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on real PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) on loopback. */
class PostgresRedisServerIT {
    @TempDir
    Path home;

    private static String databaseUrl(PostgresConfig config) {
        String sep = config.jdbcUrl().contains("?") ? "&" : "?";
        String url = config.jdbcUrl() + sep + "user=" + config.user();
        return config.password().isEmpty() ? url : url + "&password=" + config.password();
    }

    @Test
    void should_journal_runs_in_postgres_and_be_ready_when_both_services_answer() {
        try (TestDatabase db = TestServices.createDatabase("server")) {
            // given
            Map<String, String> env = Map.of(
                    "PORT", "0",
                    "BIND_ADDRESS", "127.0.0.1",
                    "ASTRADESK_HOME", home.toString(),
                    "DATABASE_URL", databaseUrl(db.config()),
                    "REDIS_URL", TestServices.redis().url());
            AstraDeskConfig config = AstraDeskConfig.fromEnv(env);
            String sre = DevIssuer.loadOrCreate(config.devIssuer().keyFile())
                    .mint("alice", List.of("sre"), List.of(), Duration.ofMinutes(5));
            String viewer = DevIssuer.loadOrCreate(config.devIssuer().keyFile())
                    .mint("bob", List.of("viewer"), List.of(), Duration.ofMinutes(5));
            String allowedRun;
            String deniedRun;
            try (AstraDeskServer server = ServerWiring.wire(config).start()) {
                HttpHarness http = new HttpHarness(server);

                // when
                HttpResponse<String> restart = http.postJson(
                        "/v1/agents/run", sre, "{\"agent\":\"ops\",\"input\":\"Please restart payments-api\"}");
                HttpResponse<String> denied = http.postJson(
                        "/v1/agents/run", viewer, "{\"agent\":\"ops\",\"input\":\"Please restart payments-api\"}");
                HttpResponse<String> ready = awaitReady(http);

                // then
                assertThat(restart.statusCode()).as(restart.body()).isEqualTo(200);
                assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                JsonNode checks = json(ready).get("checks");
                assertThat(checks.get("database").asText()).isEqualTo("up");
                assertThat(checks.get("redis").asText()).isEqualTo("up");
                assertThat(checks.get("knowledge").asText()).isEqualTo("up");
                allowedRun = json(restart).get("run_id").asText();
                deniedRun = json(denied).get("run_id").asText();
            }

            // and: both runs are in PostgreSQL, the denial audited
            try (PostgresStores stores = PostgresStores.open(db.config())) {
                assertThat(stores.dialogues().findByRunId(allowedRun)).isPresent();
                assertThat(stores.auditLog().forRun(deniedRun))
                        .anySatisfy(a -> assertThat(a.decision()).isEqualTo(AuditDecision.DENIED));
            }
        }
    }

    @Test
    void should_run_and_journal_every_concurrent_run_through_one_run_slot_with_the_group_commit() throws Exception {
        try (TestDatabase db = TestServices.createDatabase("server")) {
            // given: one run slot; a run frees it while it waits for its group commit
            AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of(
                    "PORT", "0",
                    "BIND_ADDRESS", "127.0.0.1",
                    "ASTRADESK_HOME", home.toString(),
                    "DATABASE_URL", databaseUrl(db.config()),
                    "REDIS_URL", TestServices.redis().url(),
                    "RUN_CONCURRENCY", "1",
                    "RUN_QUEUE_TIMEOUT", "60s"));
            assertThat(config.runAdmission().concurrency()).isEqualTo(1);
            String sre = DevIssuer.loadOrCreate(config.devIssuer().keyFile())
                    .mint("alice", List.of("sre"), List.of(), Duration.ofMinutes(5));
            List<String> runIds;
            try (AstraDeskServer server = ServerWiring.wire(config).start()) {
                HttpHarness http = new HttpHarness(server);
                var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
                try {
                    // when: 16 runs at once
                    List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
                    for (int i = 0; i < 16; i++) {
                        sent.add(pool.submit(() -> http.postJson(
                                "/v1/agents/run",
                                sre,
                                "{\"agent\":\"ops\",\"input\":\"show metrics for payments-api\"}")));
                    }
                    List<HttpResponse<String>> responses = new java.util.ArrayList<>();
                    for (var f : sent) {
                        responses.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
                    }

                    // then: every one ran
                    assertThat(responses)
                            .allSatisfy(
                                    r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
                    runIds = responses.stream()
                            .map(r -> json(r).get("run_id").asText())
                            .toList();
                } finally {
                    pool.shutdownNow();
                }
            }

            // and: every one is journaled in PostgreSQL
            try (PostgresStores stores = PostgresStores.open(db.config())) {
                assertThat(runIds).hasSize(16).doesNotHaveDuplicates();
                assertThat(runIds)
                        .allSatisfy(id ->
                                assertThat(stores.dialogues().findByRunId(id)).isPresent());
            }
        }
    }

    @Test
    void should_ingest_knowledge_dir_into_pgvector_with_the_local_model_and_answer_with_acl_aware_citations() {
        try (TestDatabase db = TestServices.createDatabase("server_kb")) {
            // given: Postgres mode, KNOWLEDGE_DIR set explicitly, default embedder (all-MiniLM-L6-v2)
            Path kb = Path.of("..", "docs", "kb").toAbsolutePath().normalize();
            AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of(
                    "PORT", "0",
                    "BIND_ADDRESS", "127.0.0.1",
                    "ASTRADESK_HOME", home.toString(),
                    "DATABASE_URL", databaseUrl(db.config()),
                    "KNOWLEDGE_DIR", kb.toString()));
            DevIssuer issuer = DevIssuer.loadOrCreate(config.devIssuer().keyFile());
            String sre = issuer.mint("sam", List.of("viewer"), List.of("sre"), Duration.ofMinutes(5));
            String viewer = issuer.mint("vic", List.of("viewer"), List.of(), Duration.ofMinutes(5));
            try (AstraDeskServer server = ServerWiring.wire(config).start()) {
                HttpHarness http = new HttpHarness(server);
                assertThat(awaitReady(http).statusCode()).isEqualTo(200);

                // when
                String ask =
                        "{\"agent\":\"support\",\"input\":\"What should I check before restarting payments-api?\"}";
                JsonNode vpn = json(http.postJson(
                        "/v1/agents/run",
                        viewer,
                        "{\"agent\":\"support\",\"input\":\"How do I reset my VPN password?\"}"));
                JsonNode forSre = json(http.postJson("/v1/agents/run", sre, ask));
                JsonNode forViewer = json(http.postJson("/v1/agents/run", viewer, ask));

                // then
                assertThat(vpn.get("citations").findValuesAsText("source"))
                        .first()
                        .isEqualTo("vpn-password-reset.md");
                assertThat(forSre.get("citations").findValuesAsText("source"))
                        .first()
                        .isEqualTo("runbooks/payments-api-restart.md");
                assertThat(forViewer.get("citations").findValuesAsText("source"))
                        .doesNotContain("runbooks/payments-api-restart.md");
            }
            try (PostgresStores stores = PostgresStores.open(db.config())) {
                assertThat(stores.knowledgeIndex(Embedders.of(KnowledgeConfig.EmbeddingModel.MINILM))
                                .contentHash("vpn-password-reset.md"))
                        .isPresent();
            }
        }
    }

    private static HttpResponse<String> awaitReady(HttpHarness http) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> ready = http.get("/readyz", null);
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            ready = http.get("/readyz", null);
        }
        return ready;
    }

    @Test
    void should_refuse_to_start_when_the_database_does_not_answer() {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of(
                "PORT", "0",
                "ASTRADESK_HOME", home.toString(),
                "DATABASE_URL", "postgresql://postgres@127.0.0.1:1/astradesk"));

        assertThatThrownBy(() -> ServerWiring.wire(config)).isInstanceOf(AstraDeskException.class);
    }
}
