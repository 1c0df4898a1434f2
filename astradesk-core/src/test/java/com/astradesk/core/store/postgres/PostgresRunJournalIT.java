package com.astradesk.core.store.postgres;

import static com.astradesk.core.store.contract.AuditFixtures.audit;
import static com.astradesk.core.store.contract.AuditFixtures.dialogue;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.StoreException;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.InProcessAuditBus;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.store.contract.AbstractRunJournalContractTest;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresRunJournalIT extends AbstractRunJournalContractTest {
    private static final List<AuditRecord> PUBLISHED = new CopyOnWriteArrayList<>();
    private static TestDatabase db;
    private static PostgresStores stores;
    private static RunJournal journal;

    @BeforeAll
    static void open() {
        db = TestServices.createDatabase("journal");
        stores = PostgresStores.open(db.config());
        InProcessAuditBus bus = AuditPublisher.inProcess();
        bus.subscribe(PUBLISHED::add);
        journal = stores.runJournal(bus);
    }

    @AfterAll
    static void close() {
        stores.close();
        db.close();
    }

    @Override
    protected RunJournal journal() {
        return journal;
    }

    @Override
    protected DialogueStore dialogues() {
        return stores.dialogues();
    }

    @Override
    protected AuditLog auditLog() {
        return stores.auditLog();
    }

    @Override
    protected List<AuditRecord> published() {
        return PUBLISHED;
    }

    @Test
    void should_write_one_outbox_row_per_audit_record_in_the_same_transaction() throws SQLException {
        // given
        String run = id("run");

        // when
        List<AuditRecord> stored = stores.runJournal()
                .record(
                        dialogue(run, "carol", Instant.parse("2026-11-26T12:00:00Z")),
                        List.of(audit(run, "agents.run"), audit(run, "restart_service")));

        // then
        assertThat(outboxMessageIds(stored))
                .containsExactly(stored.get(0).eventId(), stored.get(1).eventId());
    }

    @Test
    void should_write_nothing_of_a_run_when_any_write_fails() throws SQLException {
        // given: an audit record whose event id is already stored makes the audit insert fail
        String earlier = id("run");
        AuditRecord duplicate = journal.record(
                        dialogue(earlier, "dave", Instant.parse("2026-11-26T12:01:00Z")),
                        List.of(audit(earlier, "agents.run")))
                .get(0);
        String run = id("run");
        AuditRecord fresh = audit(run, "agents.run");
        AuditRecord clash = AuditRecord.builder()
                .withEventId(duplicate.eventId())
                .withTs(fresh.ts())
                .withActor(fresh.actor())
                .withTenant(fresh.tenant())
                .withAction(fresh.action())
                .withDecision(fresh.decision())
                .withTool(fresh.tool())
                .withSideEffect(fresh.sideEffect())
                .withArgs(fresh.args())
                .withRequestId(fresh.requestId())
                .withTraceId(fresh.traceId())
                .withRunId(fresh.runId())
                .withPrevHash(java.util.Optional.empty())
                .withHash(java.util.Optional.empty())
                .build();

        // when / then
        assertThatThrownBy(() -> journal.record(
                        dialogue(run, "dave", Instant.parse("2026-11-26T12:02:00Z")), List.of(fresh, clash)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("postgres")
                .hasMessageContaining(run);
        assertThat(stores.dialogues().findByRunId(run)).isEmpty();
        assertThat(stores.auditLog().forRun(run)).isEmpty();
        assertThat(outboxMessageIds(List.of(fresh))).isEmpty();
    }

    @Test
    void should_store_the_same_json_value_in_audits_as_the_wire_map_written_with_its_hash() throws SQLException {
        // given: arguments with nesting, numbers, escapes and text outside ASCII (the batch sends the hashed text
        // with the hash added; the column is jsonb, so it must be the same value as Json.write(toWire))
        String run = id("run");
        java.util.Map<String, Object> args = new java.util.LinkedHashMap<>();
        args.put("service", "payments-api");
        args.put("z", java.util.List.of(1, 2.5, -3L, "ż\"\\\n😀", java.util.Map.of("b", true, "a", "")));
        args.put("big", java.math.BigInteger.TEN.pow(30));
        args.put("none", null);
        AuditRecord tricky = AuditRecord.builder()
                .withTs(Instant.parse("2026-12-08T03:00:00.123456Z"))
                .withActor("erin")
                .withAction("get_metrics")
                .withDecision(com.astradesk.core.audit.AuditDecision.ALLOWED)
                .withArgs(args)
                .withRunId(run)
                .build();

        // when
        List<AuditRecord> stored = journal.record(
                dialogue(run, "erin", Instant.parse("2026-12-08T03:00:00Z")),
                List.of(audit(run, "agents.run"), tricky));

        // then
        for (AuditRecord r : stored) {
            String expected = com.astradesk.core.json.Json.write(com.astradesk.core.audit.AuditChain.toWire(r));
            try (Connection c = DriverManager.getConnection(
                            db.config().jdbcUrl(),
                            db.config().user(),
                            db.config().password());
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT (SELECT payload FROM audits WHERE event_id = ?) = CAST(? AS jsonb)")) {
                ps.setString(1, r.eventId());
                ps.setString(2, expected);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBoolean(1))
                            .as("audits.payload of %s", r.action())
                            .isTrue();
                }
            }
        }
    }

    private static List<String> outboxMessageIds(List<AuditRecord> records) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        db.config().jdbcUrl(), db.config().user(), db.config().password());
                PreparedStatement ps = c.prepareStatement(
                        "SELECT a.event_id FROM outbox o JOIN audits a ON a.id BETWEEN o.first_audit_id AND o.last_audit_id"
                                + " WHERE a.event_id = ANY (?) AND o.topic = 'astradesk.audit' ORDER BY a.id")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "text", records.stream().map(AuditRecord::eventId).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
