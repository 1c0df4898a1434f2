package com.astradesk.server.auditor;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.nats.NatsTestSupport;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.Main;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of audit event, driven once through the HTTP API of the real server wiring with PostgreSQL, NATS and
 * the Auditor running, is found in the S3 archive and the search index — and the chain verifies across both.
 */
class AuditTrailEndToEndIT {
    private static final String BUCKET = "trail";

    @TempDir
    Path home;

    private final NatsAuditConfig nats = NatsTestSupport.uniqueConfig(NatsTestSupport.SHARED_URL);
    private final TestDatabase db = TestServices.createDatabase("trail");

    @AfterEach
    void cleanUp() {
        NatsTestSupport.deleteStream(NatsTestSupport.SHARED_URL, nats);
        db.close();
    }

    @Test
    void should_archive_and_index_every_kind_of_audit_event_driven_over_http() throws Exception {
        try (S3ProxyFixture s3 = S3ProxyFixture.start();
                FakeSearchServer search = new FakeSearchServer();
                SilentServer weather = new SilentServer()) {
            s3.createBucket(BUCKET);
            Map<String, String> env = new HashMap<>(commonEnv(s3, search));
            env.put("PORT", "0");
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("ASTRADESK_HOME", home.toString());
            env.put("EMBEDDING_MODEL", "hashing");
            env.put("APPROVAL_REQUIRED_TOOLS", "restart_service");
            env.put("APPROVAL_TTL", "10s");
            env.put("RATE_LIMIT_EXECUTE_PER_MINUTE", "1");
            env.put("POLICY_ARGUMENT_RULES", "get_metrics.service=database:dba");
            env.put("WEATHER_URL", weather.url());
            env.put("WEATHER_TIMEOUT", "60s");
            AstraDeskConfig config = AstraDeskConfig.fromEnv(env);
            DevIssuer issuer = DevIssuer.loadOrCreate(config.devIssuer().keyFile());
            String sre = issuer.mint("sam", List.of("sre"), List.of(), Duration.ofMinutes(10));
            String support = issuer.mint("sue", List.of("it.support"), List.of(), Duration.ofMinutes(10));
            String viewer = issuer.mint("vic", List.of("viewer"), List.of(), Duration.ofMinutes(10));
            String approver = issuer.mint("ann", List.of("approver"), List.of(), Duration.ofMinutes(10));
            String admin = issuer.mint("kim", List.of("kb.admin"), List.of(), Duration.ofMinutes(10));
            String reader = issuer.mint("audrey", List.of("auditor"), List.of(), Duration.ofMinutes(10));

            try (AuditorProcess auditor = AuditorProcess.start(AuditorSettings.fromEnv(env));
                    AstraDeskServer server = ServerWiring.wire(config).start()) {
                HttpHarness http = new HttpHarness(server);
                List<String> steps = new CopyOnWriteArrayList<>();

                // ok, error, timeout, denied by role, denied by an argument rule
                steps.add(step(run(http, sre, "ops", "show metrics for webapp"), 200));
                steps.add(step(run(http, support, "support", "what is the status of TKT-424242"), 200));
                steps.add(step(run(http, sre, "ops", "what's the weather in Warsaw"), 200));
                assertThat(run(http, viewer, "ops", "restart webapp").statusCode())
                        .isEqualTo(403);
                assertThat(run(http, sre, "ops", "show metrics for database").statusCode())
                        .isEqualTo(403);
                assertThat(steps).containsExactly("get_metrics:ok", "get_ticket:error", "get_weather:error");

                // pending approvals, then approved (+ its execution), approved but rate limited, rejected, expired
                String first = pending(run(http, sre, "ops", "restart webapp"));
                String second = pending(run(http, sre, "ops", "restart payments-api"));
                String rejected = pending(run(http, sre, "ops", "restart search-service"));
                assertThat(json(decide(http, approver, first, "approve"))
                                .at("/step/status")
                                .asText())
                        .isEqualTo("ok");
                assertThat(json(decide(http, approver, second, "approve"))
                                .at("/step/status")
                                .asText())
                        .isEqualTo("rate_limited");
                assertThat(decide(http, approver, rejected, "reject").statusCode())
                        .isEqualTo(200);
                // created after the decisions, so a slow machine cannot let the others expire first
                String expiring = pending(run(http, sre, "ops", "restart auth-service"));
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                String status;
                do {
                    Thread.sleep(250);
                    status = json(http.get("/v1/approvals/" + expiring, sre))
                            .at("/approval/status")
                            .asText();
                } while (!status.equals("expired") && System.nanoTime() < deadline);
                assertThat(status).isEqualTo("expired");

                // a document ingest, and authentication failures at the edge
                assertThat(http.postJson(
                                        "/v1/documents",
                                        admin,
                                        "{\"source\":\"runbooks/x.md\",\"content\":\"# X\\n\\nSteps.\",\"acl\":[]}")
                                .statusCode())
                        .isEqualTo(201);
                for (int i = 0; i < 5; i++) {
                    assertThat(http.get("/v1/tools", "not-a-jwt").statusCode()).isEqualTo(401);
                }

                // an auditor reads the trail (from PostgreSQL, every row's chain verified); the read is audited too
                var trail = json(http.get("/v1/audit?limit=200", reader));
                assertThat(trail.at("/chain/status").asText()).isEqualTo("verified");
                assertThat(trail.get("records").size()).isGreaterThan(10);
                assertThat(trail.at("/records/0/chain").asText()).isEqualTo("verified");

                // then: every row of the audit table reaches the archive and the index
                Map<String, String> kinds = awaitEverywhere(auditor, s3, search);
                assertThat(kinds.values())
                        .contains(
                                "get_metrics:ok",
                                "get_ticket:error",
                                "get_weather:timeout",
                                "restart_service:denied_role",
                                "get_metrics:denied_argument",
                                "restart_service:pending_approval",
                                "approval.approved",
                                "restart_service:ok@approval",
                                "restart_service:rate_limited@approval",
                                "approval.rejected",
                                "approval.expired",
                                "documents.ingest",
                                "auth.denied",
                                "audit.read",
                                "agents.run");
                assertThat(kinds.values().stream().filter("auth.denied"::equals))
                        .as("five spray attempts from one address: one record now, the rest when the window ends")
                        .hasSize(1);
            }
            assertThat(verify(s3))
                    .contains("postgres vs s3://" + BUCKET + "/audit")
                    .doesNotContain("problem");
        }
    }

    private Map<String, String> commonEnv(S3ProxyFixture s3, FakeSearchServer search) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", databaseUrl(db.config()));
        env.put("NATS_URL", nats.url());
        env.put("AUDIT_STREAM", nats.stream());
        env.put("AUDIT_SUBJECT", nats.subject());
        env.put("AUDIT_DLQ_SUBJECT", nats.dlqSubject());
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("S3_ACCESS_KEY_ID", S3ProxyFixture.ACCESS);
        env.put("S3_SECRET_ACCESS_KEY", S3ProxyFixture.SECRET);
        env.put("ES_URL", search.url().toString());
        return env;
    }

    private static HttpResponse<String> run(HttpHarness http, String token, String agent, String input) {
        return http.postJson(
                "/v1/agents/run",
                token,
                "{\"agent\":" + HttpHarness.quote(agent) + ",\"input\":" + HttpHarness.quote(input) + "}");
    }

    private static String step(HttpResponse<String> run, int status) {
        assertThat(run.statusCode()).as(run.body()).isEqualTo(status);
        JsonNode step = json(run).get("steps").get(0);
        return step.get("tool").asText() + ":" + step.get("status").asText();
    }

    private static String pending(HttpResponse<String> run) {
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        return json(run).get("approval_id").asText();
    }

    private static HttpResponse<String> decide(HttpHarness http, String token, String id, String decision) {
        return http.postJson(
                "/v1/approvals/" + id, token, "{\"decision\":\"" + decision + "\",\"reason\":\"change window\"}");
    }

    /**
     * Waits until every event id of the audit table is archived and indexed; returns each event's kind — {@code
     * action[:outcome][@channel]} — by event id.
     */
    private Map<String, String> awaitEverywhere(AuditorProcess auditor, S3ProxyFixture s3, FakeSearchServer search)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, String> kinds = Map.of();
        Set<String> archived = Set.of();
        Set<String> indexed = Set.of();
        while (System.nanoTime() < deadline) {
            kinds = auditKinds();
            archived = Set.copyOf(s3.eventIds(BUCKET));
            indexed = search.docs.keySet().stream()
                    .map(k -> k.substring(k.indexOf('/') + 1))
                    .collect(Collectors.toSet());
            if (archived.containsAll(kinds.keySet()) && indexed.containsAll(kinds.keySet())) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(archived).as("archived in S3").containsAll(kinds.keySet());
        assertThat(indexed).as("indexed").containsAll(kinds.keySet());
        return kinds;
    }

    private Map<String, String> auditKinds() throws Exception {
        PostgresConfig c = db.config();
        Map<String, String> kinds = new LinkedHashMap<>();
        try (var conn = DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password());
                var s = conn.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT event_id, action, payload->'args' AS args FROM audits ORDER BY id")) {
            while (rs.next()) {
                JsonNode args = com.astradesk.server.support.internal.ServerJson.mapper()
                        .readTree(rs.getString("args"));
                String kind = rs.getString("action");
                if (args.has("outcome")) {
                    kind += ":" + args.get("outcome").asText();
                }
                if (args.path("channel").asText().equals("approval")) {
                    kind += "@approval";
                }
                kinds.put(rs.getString("event_id"), kind);
            }
        }
        return kinds;
    }

    private String verify(S3ProxyFixture s3) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", databaseUrl(db.config()));
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("S3_ACCESS_KEY_ID", S3ProxyFixture.ACCESS);
        env.put("S3_SECRET_ACCESS_KEY", S3ProxyFixture.SECRET);
        StringWriter out = new StringWriter();
        int exit = Main.run(
                new String[] {"audit", "verify"}, env, new PrintWriter(out, true), new PrintWriter(new StringWriter()));
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    private static String databaseUrl(PostgresConfig c) {
        String sep = c.jdbcUrl().contains("?") ? "&" : "?";
        return c.jdbcUrl() + sep + "user=" + c.user() + (c.password().isEmpty() ? "" : "&password=" + c.password());
    }

    /** Accepts connections and never answers: a weather service that hangs. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        SilentServer() throws Exception {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
