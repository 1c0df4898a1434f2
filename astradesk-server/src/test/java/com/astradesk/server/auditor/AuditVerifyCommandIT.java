package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code astradesk audit verify} on a real Postgres and a real S3-compatible archive. */
class AuditVerifyCommandIT {
    private TestDatabase db;
    private S3ProxyFixture s3;
    private final List<AuditRecord> stored = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private S3ArchiveConfig archive;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServices.createDatabase("verify");
        s3 = S3ProxyFixture.start();
        archive = s3.createBucket("verify");
        try (PostgresStores stores = PostgresStores.open(db.config())) {
            for (int run = 0; run < 3; run++) {
                List<AuditRecord> audits = List.of(
                        AuditTestEvents.record(
                                "alice",
                                "agents.run",
                                AuditDecision.ALLOWED,
                                Optional.empty(),
                                Optional.empty(),
                                Instant.now()),
                        AuditTestEvents.record(
                                "alice",
                                "get_metrics",
                                AuditDecision.ALLOWED,
                                Optional.of("get_metrics"),
                                Optional.of("read"),
                                Instant.now()));
                stored.addAll(stores.runJournal()
                        .record(
                                new DialogueRecord("run-" + run, "ops", "alice", "q", "a", Map.of(), Instant.now()),
                                audits));
            }
        }
        try (S3ArchiveSink sink = new S3ArchiveSink(archive)) {
            sink.write(stored.stream()
                    .map(r -> AuditEvent.parse(AuditEvents.toJson(r)))
                    .toList());
        }
        env.put("DATABASE_URL", databaseUrl(db.config()));
        env.put("S3_BUCKET", "verify");
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("S3_ACCESS_KEY_ID", S3ProxyFixture.ACCESS);
        env.put("S3_SECRET_ACCESS_KEY", S3ProxyFixture.SECRET);
    }

    @AfterEach
    void tearDown() throws Exception {
        s3.close();
        db.close();
    }

    private static String databaseUrl(PostgresConfig c) {
        String sep = c.jdbcUrl().contains("?") ? "&" : "?";
        return c.jdbcUrl() + sep + "user=" + c.user() + (c.password().isEmpty() ? "" : "&password=" + c.password());
    }

    private record Result(int exit, String out, String err) {}

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void should_report_both_chains_intact() {
        Result r = run("audit", "verify");

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("postgres: 6 records, chain intact")
                .contains("s3://verify/audit: 6 records, chain intact")
                .contains("postgres vs s3://verify/audit: 6 records, chain intact");
    }

    @Test
    void should_catch_the_newest_row_deleted_from_postgres_through_the_archive() throws Exception {
        // given: the last row deleted, which the table's own chain cannot show
        AuditRecord last = stored.get(stored.size() - 1);
        sql("DELETE FROM audits WHERE event_id = ?", last.eventId());

        // when
        Result r = run("audit", "verify");

        // then
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("postgres: 5 records, chain intact")
                .contains("postgres vs s3://verify/audit: 6 records, 1 problem, first broken link at event "
                        + last.eventId()
                        + " (it is archived but has no row in postgres (deleted, or lost in a restore))");
    }

    @Test
    void should_catch_the_last_row_rewritten_with_a_recomputed_hash_through_the_archive() throws Exception {
        // given: the newest event rewritten and re-hashed, so the table's own chain still holds
        AuditRecord last = stored.get(stored.size() - 1);
        AuditRecord forged = AuditChain.link(
                last.prevHash(), AuditEvents.fromJson(AuditEvents.toJson(last).replace("\"alice\"", "\"mallory\"")));
        try (var c = DriverManager.getConnection(
                        db.config().jdbcUrl(), db.config().user(), db.config().password());
                var s = c.prepareStatement(
                        "UPDATE audits SET payload = CAST(? AS jsonb), actor = ?, hash = ? WHERE event_id = ?")) {
            s.setString(1, AuditEvents.toJson(forged));
            s.setString(2, forged.actor());
            s.setString(3, forged.hash().orElseThrow());
            s.setString(4, last.eventId());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        // when
        Result r = run("audit", "verify");

        // then
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("postgres: 6 records, chain intact")
                .contains("postgres vs s3://verify/audit: 6 records, 1 problem")
                .contains("event " + last.eventId() + " (row id 6): its hash "
                        + forged.hash().orElseThrow() + " differs from the archived copy's "
                        + last.hash().orElseThrow());
    }

    private void sql(String statement, String eventId) throws Exception {
        try (var c = DriverManager.getConnection(
                        db.config().jdbcUrl(), db.config().user(), db.config().password());
                var s = c.prepareStatement(statement)) {
            s.setString(1, eventId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void should_name_the_first_broken_link_in_postgres() throws Exception {
        String victim = stored.get(2).eventId();
        sql("UPDATE audits SET payload = jsonb_set(payload, '{decision}', '\"denied\"') WHERE event_id = ?", victim);

        Result r = run("audit", "verify", "--source", "postgres");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("first broken link at #2 event " + victim).contains("hash does not match");
    }

    @Test
    void should_name_a_tampered_archived_object() {
        AuditRecord victim = stored.get(4);
        AuditEvent event = AuditEvent.parse(AuditEvents.toJson(victim));
        String key = s3.keys("verify").get(0);
        String tampered =
                s3.read("verify", key).replace(event.json(), event.json().replace("\"alice\"", "\"mallory\""));
        assertThat(tampered).as("the victim's line was found").isNotEqualTo(s3.read("verify", key));
        s3.overwrite("verify", key, tampered);

        Result r = run("audit", "verify", "--source", "s3", "--day-prefix", event.dayPath());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("event " + victim.eventId());
    }

    @Test
    void should_refuse_to_run_without_anything_to_verify() {
        env.clear();

        Result r = run("audit", "verify");

        assertThat(r.exit()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(r.err()).contains("nothing to verify");
    }
}
