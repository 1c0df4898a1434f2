package com.astradesk.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AuditOutboxRelayTest {
    private static final RelayConfig FAST = RelayConfig.defaults()
            .withBatchSize(100)
            .withPollInterval(Duration.ofMillis(10))
            .withAckTimeout(Duration.ofMillis(300))
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));

    /** A bus that records acknowledged event ids and can be switched off. */
    static final class FakeBus implements AuditTransport {
        final Set<String> received = ConcurrentHashMap.newKeySet();
        final AtomicBoolean up = new AtomicBoolean(true);
        volatile String rejectedId = "";

        @Override
        public CompletableFuture<Void> send(OutboxMessage m) {
            if (!up.get() || m.messageId().equals(rejectedId)) {
                return CompletableFuture.failedFuture(new IllegalStateException("bus down"));
            }
            received.add(m.messageId());
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void should_name_the_root_cause_of_a_failed_round_in_its_description() {
        // given: what a JetStream publisher reports when the stream cannot be created
        var root = new IllegalStateException("[10065] subjects overlap with an existing stream");
        var failure = new AuditRelayException(3, new RuntimeException("JetStream publish failed", root));

        // when
        String described = AuditOutboxRelay.describe(failure);

        // then
        assertThat(described)
                .contains("audit bus acknowledged none of 3 outbox messages")
                .endsWith("cause: " + root);
        assertThat(AuditOutboxRelay.describe(root)).isEqualTo(root.toString());
        assertThat(AuditOutboxRelay.describe(null)).isEqualTo("unknown failure");
    }

    @Test
    void should_mark_only_acknowledged_rows_sent() {
        // given
        InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
        List<AuditRecord> events = AuditTestEvents.chain(3);
        outbox.enqueue(events);
        FakeBus bus = new FakeBus();
        bus.rejectedId = events.get(1).eventId();
        AuditOutboxRelay relay = AuditOutboxRelay.create(outbox, bus, FAST);

        // when
        int marked = relay.drainOnce();

        // then
        assertThat(marked).isEqualTo(2);
        assertThat(relay.backlog()).isEqualTo(1);
        assertThat(bus.received)
                .containsExactlyInAnyOrder(
                        events.get(0).eventId(), events.get(2).eventId());
    }

    @Test
    void should_keep_every_row_and_report_failure_when_the_bus_is_down() {
        // given
        InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
        outbox.enqueue(AuditTestEvents.chain(5));
        FakeBus bus = new FakeBus();
        bus.up.set(false);
        AuditOutboxRelay relay = AuditOutboxRelay.create(outbox, bus, FAST);

        // when / then
        assertThatThrownBy(relay::drainOnce)
                .isInstanceOf(AuditRelayException.class)
                .hasMessageContaining("none of 5");
        assertThat(relay.backlog()).isEqualTo(5);
    }

    @Test
    void should_treat_a_missing_acknowledgement_as_not_sent() {
        // given
        InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
        outbox.enqueue(AuditTestEvents.chain(2));
        AuditOutboxRelay relay = AuditOutboxRelay.create(outbox, m -> new CompletableFuture<>(), FAST);

        // when / then
        assertThatThrownBy(relay::drainOnce).isInstanceOf(AuditRelayException.class);
        assertThat(relay.backlog()).isEqualTo(2);
    }

    @Test
    void should_drain_the_backlog_in_the_background_once_the_bus_returns() throws Exception {
        // given
        InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
        List<AuditRecord> events = AuditTestEvents.chain(250);
        outbox.enqueue(events);
        FakeBus bus = new FakeBus();
        bus.up.set(false);

        try (AuditOutboxRelay relay = AuditOutboxRelay.start(outbox, bus, FAST)) {
            // a failed round takes the 300 ms ack timeout; on a busy machine the first may end well after that
            long failing = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (relay.failedRounds() == 0 && System.nanoTime() < failing) {
                Thread.sleep(20);
            }
            assertThat(relay.backlog()).isEqualTo(250);
            assertThat(relay.failedRounds()).isPositive();

            // when
            bus.up.set(true);

            // then
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (relay.backlog() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(relay.backlog()).isZero();
            assertThat(relay.sentCount()).isEqualTo(250);
            assertThat(bus.received).hasSize(250);
        }
    }

    @Test
    void should_deliver_through_the_in_process_bus() {
        // given
        InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
        List<AuditRecord> events = AuditTestEvents.chain(2);
        outbox.enqueue(events);
        InProcessAuditBus bus = AuditPublisher.inProcess();
        List<AuditRecord> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        bus.subscribe(seen::add);

        // when
        AuditOutboxRelay.create(outbox, AuditTransport.inProcess(bus), FAST).drainOnce();

        // then
        assertThat(seen).isEqualTo(events);
    }

    @Test
    void should_refuse_a_non_positive_limit() {
        assertThatThrownBy(() -> AuditOutbox.inMemory().drain(0, b -> List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void should_publish_the_next_batch_while_the_previous_waits_for_its_acknowledgements() throws Exception {
        // given: 30 events, batches of 10, two in flight, and a bus that acknowledges only when told to
        InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
        outbox.enqueue(AuditTestEvents.chain(30));
        Map<String, CompletableFuture<Void>> unacked = new ConcurrentHashMap<>();
        AuditTransport heldBus = m -> unacked.computeIfAbsent(m.messageId(), id -> new CompletableFuture<>());
        RelayConfig twoInFlight = FAST.withBatchSize(10).withInFlightBatches(2).withAckTimeout(Duration.ofSeconds(30));

        try (AuditOutboxRelay relay = AuditOutboxRelay.start(outbox, heldBus, twoInFlight)) {
            // then: the second batch goes out before the first is acknowledged, the third does not
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (unacked.size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(unacked).hasSize(20);
            assertThat(relay.sentCount()).isZero();

            // when: the bus acknowledges whatever it holds until the relay is done
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (relay.sentCount() < 30 && System.nanoTime() < deadline) {
                unacked.values().forEach(f -> f.complete(null));
                Thread.sleep(10);
            }

            // then
            assertThat(relay.sentCount()).isEqualTo(30);
            assertThat(relay.backlog()).isZero();
            assertThat(unacked).hasSize(30);
        }
    }

    @Test
    void should_refuse_an_in_flight_window_outside_one_to_three() {
        assertThatThrownBy(() -> RelayConfig.defaults().withInFlightBatches(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inFlightBatches");
        assertThatThrownBy(() -> RelayConfig.defaults().withInFlightBatches(4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inFlightBatches");
    }
}
