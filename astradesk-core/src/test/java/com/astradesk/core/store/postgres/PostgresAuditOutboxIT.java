package com.astradesk.core.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditOutboxRelay;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.audit.OutboxMessage;
import com.astradesk.core.audit.RelayConfig;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.store.nats.JetStreamAuditPublisher;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.nats.NatsTestSupport;
import com.astradesk.core.store.nats.PrivateNatsServer;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Postgres outbox written by the run journal, relayed to JetStream; the chain read back for verify. */
class PostgresAuditOutboxIT {
    private TestDatabase db;
    private PostgresStores stores;
    private PostgresAuditOutbox outbox;

    @BeforeEach
    void open() {
        db = TestServices.createDatabase("outbox");
        stores = PostgresStores.open(db.config());
        outbox = PostgresAuditOutbox.open(db.config());
    }

    @AfterEach
    void close() {
        outbox.close();
        stores.close();
        db.close();
    }

    /** Records {@code runs} runs of {@code perRun} tool-call events each; returns the stored (chained) events. */
    private List<AuditRecord> recordRuns(RunJournal journal, int runs, int perRun) {
        List<AuditRecord> stored = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            String runId = "run-" + i;
            stored.addAll(journal.record(
                    new DialogueRecord(runId, "ops", "alice", "metrics?", "ok", Map.of(), Instant.now()),
                    events(perRun)));
        }
        return stored;
    }

    @Test
    void should_mark_only_acknowledged_rows_and_count_attempts_on_the_rest() {
        // given
        List<AuditRecord> stored = recordRuns(stores.runJournal(), 5, 2);
        String rejected = stored.get(3).eventId();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        AuditOutboxRelay relay = AuditOutboxRelay.create(
                outbox,
                m -> {
                    if (m.messageId().equals(rejected)) {
                        return CompletableFuture.failedFuture(new IllegalStateException("nack"));
                    }
                    sent.add(m.messageId());
                    return CompletableFuture.completedFuture(null);
                },
                RelayConfig.defaults());

        // when
        int marked = relay.drainOnce();

        // then
        assertThat(marked).isEqualTo(9);
        assertThat(outbox.pendingCount()).isEqualTo(1);
        assertThat(sent).hasSize(9).doesNotContain(rejected);
        List<OutboxMessage> left = new ArrayList<>();
        outbox.drain(10, batch -> {
            left.addAll(batch);
            return List.of();
        });
        assertThat(left).extracting(OutboxMessage::messageId).containsExactly(rejected);
        assertThat(AuditEvents.fromJson(left.get(0).payload())).isEqualTo(stored.get(3));
    }

    @Test
    void should_never_hand_one_row_to_two_relays_at_once() throws Exception {
        // given
        recordRuns(stores.runJournal(), 20, 10);
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch bothIn = new CountDownLatch(2);
        Runnable relay = () -> {
            try (PostgresAuditOutbox own = PostgresAuditOutbox.open(db.config())) {
                own.drain(150, batch -> {
                    bothIn.countDown();
                    try {
                        bothIn.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    batch.forEach(m -> sent.add(m.messageId()));
                    return batch.stream().map(OutboxMessage::id).toList();
                });
            }
        };

        // when
        Thread a = new Thread(relay);
        Thread b = new Thread(relay);
        a.start();
        b.start();
        a.join();
        b.join();

        // then: both held a batch at the same time, and the batches were disjoint
        assertThat(bothIn.getCount()).isZero();
        assertThat(sent).hasSize(200).doesNotHaveDuplicates();
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void should_deliver_all_500_runs_recorded_while_nats_was_down() throws Exception {
        assumeTrue(PrivateNatsServer.available(), "nats-server binary not installed");
        try (PrivateNatsServer nats = PrivateNatsServer.start()) {
            // given
            NatsAuditConfig config = NatsTestSupport.uniqueConfig(nats.url());
            RelayConfig relayConfig = RelayConfig.defaults()
                    .withAckTimeout(Duration.ofSeconds(1))
                    .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
            try (JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(config);
                    AuditOutboxRelay relay = AuditOutboxRelay.start(outbox, publisher, relayConfig)) {
                nats.stop();

                // when: 500 runs commit while NATS is down
                List<AuditRecord> stored = recordRuns(stores.runJournal(), 500, 1);
                Thread.sleep(500);
                long backlogDuringOutage = relay.backlog();
                nats.restart();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (relay.backlog() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }

                // then
                assertThat(backlogDuringOutage).isEqualTo(500);
                assertThat(relay.backlog()).isZero();
                List<AuditRecord> delivered = NatsTestSupport.readAll(nats.url(), config.subject()).stream()
                        .map(AuditEvents::fromJson)
                        .toList();
                assertThat(delivered.stream().map(AuditRecord::eventId).collect(Collectors.toSet()))
                        .isEqualTo(stored.stream().map(AuditRecord::eventId).collect(Collectors.toSet()));
                assertThat(delivered).as("payloads keep their hashes").containsExactlyInAnyOrderElementsOf(stored);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 2000})
    void should_relay_ten_thousand_outbox_rows_to_jetstream_and_report_the_rate(int batchSize) throws Exception {
        // given
        List<AuditRecord> stored = recordRuns(stores.runJournal(), 100, 100);
        NatsAuditConfig config = NatsTestSupport.uniqueConfig(NatsTestSupport.SHARED_URL);
        try (JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(config)) {
            publisher.publishAsync(AuditTestEvents.chain(1).get(0)).get(); // stream setup, warm-up
            AuditOutboxRelay relay = AuditOutboxRelay.create(
                    outbox, publisher, RelayConfig.defaults().withBatchSize(batchSize));

            // when
            long start = System.nanoTime();
            while (relay.backlog() > 0) {
                relay.drainOnce();
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            // then
            System.out.printf(
                    "postgres outbox -> jetstream, batch %d: %d events in %.2f s = %.0f events/s%n",
                    batchSize, stored.size(), seconds, stored.size() / seconds);
            assertThat(relay.sentCount()).isEqualTo(10_000);
        } finally {
            NatsTestSupport.deleteStream(NatsTestSupport.SHARED_URL, config);
        }
    }

    @Test
    void should_claim_through_the_pending_index_when_the_table_was_never_analyzed() throws Exception {
        try (var c = java.sql.DriverManager.getConnection(
                        db.config().jdbcUrl(), db.config().user(), db.config().password());
                var s = c.createStatement()) {
            // given: a backlog of 4,000 rows and no statistics (autovacuum has not analyzed the table yet)
            s.execute("ALTER TABLE outbox SET (autovacuum_enabled = false)");
            recordRuns(stores.runJournal(), 1000, 4);
            c.setAutoCommit(false);

            // when: the plan of outbox_claim's walk over the pending rows, under the function's own setting
            StringBuilder config = new StringBuilder();
            try (var rs = s.executeQuery(
                    "SELECT array_to_string(proconfig, ',') FROM pg_proc" + " WHERE proname = 'outbox_claim'")) {
                while (rs.next()) {
                    config.append(rs.getString(1));
                }
            }
            s.execute("SET LOCAL enable_sort = off");
            StringBuilder plan = new StringBuilder();
            try (var rs = s.executeQuery("EXPLAIN SELECT o.id, o.first_audit_id, o.last_audit_id FROM outbox o"
                    + " WHERE o.published_at IS NULL AND o.topic = '" + PostgresAuditOutbox.AUDIT_TOPIC + "'"
                    + " ORDER BY o.id")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();

            // then: an index scan in id order, never a sort of every pending row; and the claim works
            assertThat(config.toString()).isEqualTo("enable_sort=off");
            assertThat(plan.toString())
                    .contains("Index Scan using outbox_pending_idx")
                    .doesNotContain("Sort");
            try (var claim = outbox.claim(2000)) {
                assertThat(claim.messages()).hasSize(2000);
            }
        }
    }

    @Test
    void should_read_the_chain_in_order_and_expose_a_tampered_row() throws Exception {
        // given
        List<AuditRecord> stored = recordRuns(stores.runJournal(), 4, 3);
        List<AuditRecord> read = new ArrayList<>();
        try (PostgresAuditChain chain = PostgresAuditChain.open(db.config())) {
            chain.forEachInOrder(read::add);
        }
        String victim = stored.get(7).eventId();
        try (var c = java.sql.DriverManager.getConnection(
                        db.config().jdbcUrl(), db.config().user(), db.config().password());
                var s = c.prepareStatement(
                        "UPDATE audits SET payload = jsonb_set(payload, '{actor}', '\"mallory\"') WHERE event_id = ?")) {
            s.setString(1, victim);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        // when
        List<AuditRecord> afterTamper = new ArrayList<>();
        try (PostgresAuditChain chain = PostgresAuditChain.open(db.config())) {
            chain.forEachInOrder(afterTamper::add);
        }

        // then
        assertThat(read).isEqualTo(stored);
        assertThat(AuditChain.firstBrokenLink(read)).isEmpty();
        assertThat(AuditChain.firstBrokenLink(afterTamper)).hasValue(7);
        assertThat(new HashSet<>(afterTamper.stream().map(AuditRecord::eventId).toList()))
                .hasSize(12);
    }

    /** The rows of {@code sql} as lists of column texts. */
    private List<List<String>> rows(String sql) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(
                        db.config().jdbcUrl(), db.config().user(), db.config().password());
                var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private long auditId(String eventId) throws Exception {
        return Long.parseLong(rows("SELECT id FROM audits WHERE event_id = '" + eventId + "'")
                .get(0)
                .get(0));
    }

    private static List<AuditRecord> events(int n) {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(AuditTestEvents.record(
                    "alice",
                    "get_metrics",
                    AuditDecision.ALLOWED,
                    Optional.of("get_metrics"),
                    Optional.of("read"),
                    Instant.now()));
        }
        return out;
    }

    @Test
    void should_write_one_outbox_row_per_batch_naming_its_audit_rows_without_a_copy_of_their_payloads()
            throws Exception {
        // given / when: two runs of two events, then three events outside a run, each its own batch
        List<AuditRecord> stored = new ArrayList<>(recordRuns(stores.runJournal(), 2, 2));
        stored.addAll(stores.runJournal().recordEvents(events(3)));

        // then: three rows, no payload, no message id, covering the seven audit rows
        assertThat(rows("SELECT count(*), count(payload), count(message_id), sum(last_audit_id - first_audit_id + 1)"
                        + " FROM outbox"))
                .containsExactly(List.of("3", "0", "0", "7"));
        // and each message is its event, numbered by its audit row id (Astradesk-Outbox-Id), in chain order
        List<OutboxMessage> claimed = new ArrayList<>();
        outbox.drain(100, batch -> {
            claimed.addAll(batch);
            return List.of();
        });
        assertThat(claimed)
                .extracting(OutboxMessage::messageId)
                .containsExactlyElementsOf(
                        stored.stream().map(AuditRecord::eventId).toList());
        for (int i = 0; i < stored.size(); i++) {
            assertThat(claimed.get(i).id()).isEqualTo(auditId(stored.get(i).eventId()));
            assertThat(AuditEvents.fromJson(claimed.get(i).payload())).isEqualTo(stored.get(i));
        }
        assertThat(outbox.pendingCount()).isEqualTo(7);
    }

    @Test
    void should_leave_exactly_the_unacknowledged_events_of_a_batch_pending_and_count_an_attempt_on_them()
            throws Exception {
        // given: one batch of five events, one outbox row
        List<AuditRecord> stored = stores.runJournal().recordEvents(events(5));
        var claim = outbox.claim(10);
        List<OutboxMessage> claimed = claim.messages();

        // when: the first, third and fifth are acknowledged
        int marked = claim.complete(
                List.of(claimed.get(0).id(), claimed.get(2).id(), claimed.get(4).id()));

        // then: the second and the fourth stay pending, one row each with the attempt counted
        assertThat(marked).isEqualTo(3);
        assertThat(outbox.pendingCount()).isEqualTo(2);
        assertThat(rows("SELECT first_audit_id, last_audit_id, attempts, last_error FROM outbox ORDER BY id"))
                .containsExactly(
                        List.of(
                                Long.toString(claimed.get(1).id()),
                                Long.toString(claimed.get(1).id()),
                                "1",
                                "not acknowledged"),
                        List.of(
                                Long.toString(claimed.get(3).id()),
                                Long.toString(claimed.get(3).id()),
                                "1",
                                "not acknowledged"));
        List<OutboxMessage> left = new ArrayList<>();
        outbox.drain(10, batch -> {
            left.addAll(batch);
            return batch.stream().map(OutboxMessage::id).toList();
        });
        assertThat(left)
                .extracting(OutboxMessage::messageId)
                .containsExactly(stored.get(1).eventId(), stored.get(3).eventId());
        assertThat(outbox.pendingCount()).isZero();
        assertThat(rows("SELECT count(*) FROM outbox")).containsExactly(List.of("0"));
    }

    @Test
    void should_relay_rows_written_before_v9_with_their_own_payload_in_claims_of_their_own() throws Exception {
        // given: a row as written before V9 (one event, its payload copied), then a batch written now
        AuditRecord old = stores.runJournal().recordEvents(events(1)).get(0);
        rows("DELETE FROM outbox RETURNING id");
        long legacyId = Long.parseLong(rows("INSERT INTO outbox (topic, message_id, payload) SELECT 'astradesk.audit',"
                        + " event_id, payload FROM audits WHERE event_id = '" + old.eventId() + "' RETURNING id")
                .get(0)
                .get(0));
        List<AuditRecord> fresh = stores.runJournal().recordEvents(events(2));
        assertThat(outbox.pendingCount()).isEqualTo(3);

        // when
        List<List<OutboxMessage>> claims = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            outbox.drain(10, batch -> {
                claims.add(batch);
                return batch.stream().map(OutboxMessage::id).toList();
            });
        }

        // then: the old row first, alone (its id is the outbox row's), then the new batch
        assertThat(claims).hasSize(2);
        assertThat(claims.get(0)).extracting(OutboxMessage::id).containsExactly(legacyId);
        assertThat(claims.get(0)).extracting(OutboxMessage::messageId).containsExactly(old.eventId());
        assertThat(AuditEvents.fromJson(claims.get(0).get(0).payload())).isEqualTo(old);
        assertThat(claims.get(1))
                .extracting(OutboxMessage::messageId)
                .containsExactly(fresh.get(0).eventId(), fresh.get(1).eventId());
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void should_split_a_batch_larger_than_the_limit_and_keep_its_attempts_on_the_rest() throws Exception {
        // given: a batch of five events whose row was tried twice before
        List<AuditRecord> stored = stores.runJournal().recordEvents(events(5));
        rows("UPDATE outbox SET attempts = 2 RETURNING id");

        // when: a claim of two, acknowledged
        int marked =
                outbox.drain(2, batch -> batch.stream().map(OutboxMessage::id).toList());

        // then: the rest is one row with the same attempts, and the next claim takes it whole
        assertThat(marked).isEqualTo(2);
        assertThat(rows("SELECT first_audit_id, last_audit_id, attempts FROM outbox"))
                .containsExactly(List.of(
                        Long.toString(auditId(stored.get(2).eventId())),
                        Long.toString(auditId(stored.get(4).eventId())),
                        "2"));
        try (var claim = outbox.claim(3)) {
            assertThat(claim.messages())
                    .extracting(OutboxMessage::messageId)
                    .containsExactly(
                            stored.get(2).eventId(),
                            stored.get(3).eventId(),
                            stored.get(4).eventId());
        }
    }

    @Test
    void should_drop_a_row_whose_audit_rows_are_gone_and_not_count_it_pending() throws Exception {
        // given: a range no audit row is in (the ids of a batch that failed are gaps), then a real batch
        rows("INSERT INTO outbox (topic, first_audit_id, last_audit_id) VALUES ('astradesk.audit', 900000, 900009)"
                + " RETURNING id");
        assertThat(outbox.pendingCount()).isZero();
        List<AuditRecord> fresh = stores.runJournal().recordEvents(events(1));

        // when
        List<OutboxMessage> claimed = new ArrayList<>();
        outbox.drain(10, batch -> {
            claimed.addAll(batch);
            return batch.stream().map(OutboxMessage::id).toList();
        });

        // then
        assertThat(claimed)
                .extracting(OutboxMessage::messageId)
                .containsExactly(fresh.get(0).eventId());
        assertThat(rows("SELECT count(*) FROM outbox")).containsExactly(List.of("0"));
    }

    @Test
    void should_relay_a_backlog_written_before_v9_after_the_upgrade_and_number_later_events_above_it()
            throws Exception {
        try (TestDatabase before = TestServices.createDatabase("outbox_upgrade")) {
            // given: the schema at V8 and a backlog of three rows as written then (one event each, its payload
            // copied), the outbox ids ahead of the audit ids
            org.flywaydb.core.Flyway.configure(getClass().getClassLoader())
                    .dataSource(
                            before.config().jdbcUrl(),
                            before.config().user(),
                            before.config().password())
                    .locations("classpath:db/migration/astradesk")
                    .table("astradesk_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .target("8")
                    .load()
                    .migrate();
            List<AuditRecord> old = AuditChain.linkAll(Optional.empty(), events(3));
            try (var c = java.sql.DriverManager.getConnection(
                    before.config().jdbcUrl(),
                    before.config().user(),
                    before.config().password())) {
                c.createStatement().execute("SELECT setval(pg_get_serial_sequence('outbox', 'id'), 1000)");
                for (AuditRecord r : old) {
                    var ps = c.prepareStatement("INSERT INTO audits (event_id, ts, actor, action, decision, payload,"
                            + " prev_hash, hash) VALUES (?, now(), 'alice', 'get_metrics', 'allowed',"
                            + " CAST(? AS jsonb), ?, ?)");
                    ps.setString(1, r.eventId());
                    ps.setString(2, AuditEvents.toJson(r));
                    ps.setString(3, r.prevHash().orElse(null));
                    ps.setString(4, r.hash().orElseThrow());
                    ps.executeUpdate();
                    ps = c.prepareStatement("INSERT INTO outbox (topic, message_id, payload)"
                            + " VALUES ('astradesk.audit', ?, CAST(? AS jsonb))");
                    ps.setString(1, r.eventId());
                    ps.setString(2, AuditEvents.toJson(r));
                    ps.executeUpdate();
                }
            }

            // when: upgraded (the stores migrate to V9) and two events written
            try (PostgresStores upgraded = PostgresStores.open(before.config());
                    PostgresAuditOutbox relayed = PostgresAuditOutbox.open(before.config())) {
                List<AuditRecord> fresh = upgraded.runJournal().recordEvents(events(2));
                assertThat(relayed.pendingCount()).isEqualTo(5);
                List<List<OutboxMessage>> claims = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    relayed.drain(10, batch -> {
                        claims.add(batch);
                        return batch.stream().map(OutboxMessage::id).toList();
                    });
                }

                // then: the old rows first with their outbox ids, the new events numbered above them
                assertThat(claims.get(0)).extracting(OutboxMessage::id).containsExactly(1001L, 1002L, 1003L);
                assertThat(claims.get(0))
                        .extracting(OutboxMessage::messageId)
                        .containsExactlyElementsOf(
                                old.stream().map(AuditRecord::eventId).toList());
                assertThat(claims.get(1))
                        .extracting(OutboxMessage::messageId)
                        .containsExactly(fresh.get(0).eventId(), fresh.get(1).eventId());
                assertThat(claims.get(1)).allSatisfy(m -> assertThat(m.id()).isGreaterThan(1003L));
                assertThat(relayed.pendingCount()).isZero();
                assertThat(AuditChain.firstBrokenLink(upgraded.auditLog().recent(10)))
                        .isEmpty();
            }
        }
    }
}
