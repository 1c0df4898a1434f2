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
import com.astradesk.server.http.AstraDeskServer;
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
                HttpResponse<String> ready = http.get("/readyz", null);

                // then
                assertThat(restart.statusCode()).as(restart.body()).isEqualTo(200);
                assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                JsonNode checks = json(ready).get("checks");
                assertThat(checks.get("database").asText()).isEqualTo("up");
                assertThat(checks.get("redis").asText()).isEqualTo("up");
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
    void should_refuse_to_start_when_the_database_does_not_answer() {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of(
                "PORT", "0",
                "ASTRADESK_HOME", home.toString(),
                "DATABASE_URL", "postgresql://postgres@127.0.0.1:1/astradesk"));

        assertThatThrownBy(() -> ServerWiring.wire(config)).isInstanceOf(AstraDeskException.class);
    }
}
