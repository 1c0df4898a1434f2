package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.audit.InProcessAuditBus;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.nats.NatsTestSupport;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API server's relay: runs recorded in Postgres (or on the in-process bus) reach JetStream. */
class AuditRelayProcessIT {
    private final NatsAuditConfig nats = NatsTestSupport.uniqueConfig(NatsTestSupport.SHARED_URL);

    @AfterEach
    void cleanUp() {
        NatsTestSupport.deleteStream(NatsTestSupport.SHARED_URL, nats);
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static AuditRecord event() {
        return AuditTestEvents.record(
                "alice", "agents.run", AuditDecision.ALLOWED, Optional.empty(), Optional.empty(), Instant.now());
    }

    @Test
    void should_relay_runs_committed_in_postgres_to_jetstream() throws Exception {
        try (TestDatabase db = TestServices.createDatabase("relay");
                PostgresStores stores = PostgresStores.open(db.config());
                AuditRelayProcess relay = AuditRelayProcess.start(db.config(), nats)) {
            // given
            List<AuditRecord> stored = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                stored.addAll(stores.runJournal()
                        .record(
                                new DialogueRecord("run-" + i, "support", "alice", "q", "a", Map.of(), Instant.now()),
                                List.of(event(), event())));
            }

            // when
            await(() -> relay.sentCount() >= 50);

            // then
            assertThat(relay.backlog()).isZero();
            assertThat(relay.natsConnected()).isTrue();
            List<AuditRecord> onBus = NatsTestSupport.readAll(NatsTestSupport.SHARED_URL, nats.subject()).stream()
                    .map(AuditEvents::fromJson)
                    .toList();
            assertThat(onBus).containsExactlyElementsOf(stored);
        }
    }

    @Test
    void should_relay_events_of_the_in_process_bus_when_there_is_no_database() throws Exception {
        InProcessAuditBus bus = AuditPublisher.inProcess();
        try (AuditRelayProcess relay = AuditRelayProcess.startInMemory(bus, nats)) {
            List<AuditRecord> events = AuditTestEvents.chain(10);
            events.forEach(bus::publish);

            await(() -> relay.sentCount() >= 10);

            assertThat(NatsTestSupport.readAll(NatsTestSupport.SHARED_URL, nats.subject()))
                    .hasSize(10);
        }
    }
}
