package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Postgres side of {@code audit verify}: the chain written by the run journal, then tampered with. */
class AuditVerifierPostgresIT {
    private TestDatabase db;
    private final List<AuditRecord> stored = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestServices.createDatabase("pgverify");
        try (PostgresStores stores = PostgresStores.open(db.config())) {
            for (int run = 0; run < 4; run++) {
                stored.addAll(stores.runJournal()
                        .record(
                                new DialogueRecord("run-" + run, "ops", "alice", "q", "a", Map.of(), Instant.now()),
                                List.of(
                                        AuditTestEvents.record(
                                                "alice",
                                                "agents.run",
                                                AuditDecision.ALLOWED,
                                                Optional.empty(),
                                                Optional.empty(),
                                                Instant.now()),
                                        AuditTestEvents.record(
                                                "alice",
                                                "restart_service",
                                                AuditDecision.DENIED,
                                                Optional.of("restart_service"),
                                                Optional.of("execute"),
                                                Instant.now()))));
            }
        }
    }

    @AfterEach
    void tearDown() {
        db.close();
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
    void should_find_the_chain_intact() {
        VerificationResult r = AuditVerifier.verifyPostgres(db.config());

        assertThat(r.intact()).isTrue();
        assertThat(r.checked()).isEqualTo(8);
    }

    @Test
    void should_name_an_edited_row() throws Exception {
        String victim = stored.get(5).eventId();
        sql("UPDATE audits SET payload = jsonb_set(payload, '{decision}', '\"allowed\"') WHERE event_id = ?", victim);

        VerificationResult r = AuditVerifier.verifyPostgres(db.config());

        assertThat(r.brokenEventId()).hasValue(victim);
        assertThat(r.brokenIndex()).isEqualTo(5);
        assertThat(r.detail()).contains("hash does not match");
    }

    @Test
    void should_name_the_row_after_a_deleted_one() throws Exception {
        sql("DELETE FROM audits WHERE event_id = ?", stored.get(2).eventId());

        VerificationResult r = AuditVerifier.verifyPostgres(db.config());

        assertThat(r.brokenEventId()).hasValue(stored.get(3).eventId());
        assertThat(r.detail()).contains("prev_hash");
    }
}
