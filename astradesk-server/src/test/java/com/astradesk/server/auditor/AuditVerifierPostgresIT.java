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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Postgres side of {@code audit verify}: the chain written by the run journal, then tampered with, one kind
 * of tampering per test.
 */
class AuditVerifierPostgresIT {
    private static TestDatabase db;
    private final List<AuditRecord> stored = new ArrayList<>();

    @BeforeAll
    static void createDatabase() {
        db = TestServices.createDatabase("pgverify");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void writeChain() throws Exception {
        try (PostgresStores stores = PostgresStores.open(db.config())) {
            try (var c = DriverManager.getConnection(
                            db.config().jdbcUrl(),
                            db.config().user(),
                            db.config().password());
                    var s = c.createStatement()) {
                s.execute("TRUNCATE audits, outbox, dialogues RESTART IDENTITY");
            }
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
        assertThat(r.findings())
                .extracting(VerificationResult.Finding::problem)
                .contains("its hash does not match its content");
    }

    @Test
    void should_name_a_row_whose_payload_holds_a_key_the_hash_does_not_cover() throws Exception {
        String victim = stored.get(3).eventId();
        sql("UPDATE audits SET payload = payload || '{\"approved_by\":\"x\"}' WHERE event_id = ?", victim);

        VerificationResult r = AuditVerifier.verifyPostgres(db.config());

        assertThat(r.findingCount()).isEqualTo(1);
        assertThat(r.brokenEventId()).hasValue(victim);
        assertThat(r.findings().get(0).location()).startsWith("row id ");
        assertThat(r.detail()).isEqualTo("payload: key 'approved_by' is not covered by the hash");
    }

    @Test
    void should_name_a_row_whose_payload_holds_a_field_in_a_form_the_hash_does_not_cover() throws Exception {
        String victim = stored.get(1).eventId();
        sql("UPDATE audits SET payload = jsonb_set(payload, '{decision}', '\"DENIED\"') WHERE event_id = ?", victim);

        VerificationResult r = AuditVerifier.verifyPostgres(db.config());

        assertThat(r.findingCount()).isEqualTo(1);
        assertThat(r.brokenEventId()).hasValue(victim);
        assertThat(r.detail()).contains("field 'decision' is stored as \"DENIED\" but hashed as \"denied\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "actor|actor = 'mallory'",
                "action|action = 'get_metrics'",
                "decision|decision = 'allowed'",
                "run_id|run_id = 'run-other'",
                "ts|ts = ts - interval '1 hour'",
                "event_id|event_id = 'forged-event'",
                "prev_hash|prev_hash = 'forged-prev'",
                "hash|hash = 'forged-hash'"
            })
    void should_name_a_row_whose_indexed_column_disagrees_with_the_hashed_payload(String column, String change)
            throws Exception {
        String victim = stored.get(5).eventId();
        sql("UPDATE audits SET " + change + " WHERE event_id = ?", victim);

        VerificationResult r = AuditVerifier.verifyPostgres(db.config());

        assertThat(r.intact()).isFalse();
        assertThat(r.brokenEventId()).hasValue(victim);
        assertThat(r.brokenIndex()).isEqualTo(5);
        assertThat(r.detail()).startsWith("column " + column + " is ").contains("but the hashed payload says");
    }

    @Test
    void should_name_the_row_after_a_deleted_one() throws Exception {
        sql("DELETE FROM audits WHERE event_id = ?", stored.get(2).eventId());

        VerificationResult r = AuditVerifier.verifyPostgres(db.config());

        assertThat(r.brokenEventId()).hasValue(stored.get(3).eventId());
        assertThat(r.detail()).contains("prev_hash");
    }

    @Test
    void should_name_the_new_first_row_when_the_first_one_was_deleted() throws Exception {
        sql("DELETE FROM audits WHERE event_id = ?", stored.get(0).eventId());

        VerificationResult r = AuditVerifier.verifyPostgres(db.config());

        assertThat(r.findingCount()).isEqualTo(1);
        assertThat(r.brokenEventId()).hasValue(stored.get(1).eventId());
        assertThat(r.detail()).contains("first record").contains("removed");
    }

    @Test
    void should_name_the_rows_of_a_reordered_chain() throws Exception {
        // a new row id moves the row to the end of the chain order
        sql("UPDATE audits SET id = DEFAULT WHERE event_id = ?", stored.get(2).eventId());

        VerificationResult r = AuditVerifier.verifyPostgres(db.config());

        assertThat(r.checked()).isEqualTo(8);
        assertThat(r.findings())
                .extracting(VerificationResult.Finding::eventId)
                .containsExactly(stored.get(3).eventId(), stored.get(2).eventId());
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.problem()).contains("prev_hash"));
    }
}
