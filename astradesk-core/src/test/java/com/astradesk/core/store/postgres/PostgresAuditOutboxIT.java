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
            List<AuditRecord> audits = new ArrayList<>();
            for (int j = 0; j < perRun; j++) {
                audits.add(AuditTestEvents.record(
                        "alice",
                        "get_metrics",
                        AuditDecision.ALLOWED,
                        Optional.of("get_metrics"),
                        Optional.of("read"),
                        Instant.now()));
            }
            stored.addAll(journal.record(
                    new DialogueRecord(runId, "ops", "alice", "metrics?", "ok", Map.of(), Instant.now()), audits));
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

            // when: the claim's plan, under the claim's own setting
            s.execute(PostgresAuditOutbox.CLAIM_PLAN);
            StringBuilder plan = new StringBuilder();
            try (var rs = s.executeQuery("EXPLAIN "
                    + PostgresAuditOutbox.CLAIM
                            .replace(":topic", "'" + PostgresAuditOutbox.AUDIT_TOPIC + "'")
                            .replace(":limit", "2000"))) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();

            // then: an index scan in id order, never a sort of every pending row
            assertThat(plan.toString())
                    .contains("Index Scan using outbox_pending_idx")
                    .doesNotContain("Sort");
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
}
