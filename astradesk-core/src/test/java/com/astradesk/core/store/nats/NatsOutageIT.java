package com.astradesk.core.store.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.AuditOutboxRelay;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.audit.InMemoryAuditOutbox;
import com.astradesk.core.audit.RelayConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NatsOutageIT {

    @Test
    void should_deliver_all_500_events_written_while_nats_was_down_after_it_restarts() throws Exception {
        assumeTrue(PrivateNatsServer.available(), "nats-server binary not installed");
        try (PrivateNatsServer nats = PrivateNatsServer.start()) {
            // given: the relay runs against a private server, which then goes away
            NatsAuditConfig config = NatsTestSupport.uniqueConfig(nats.url());
            InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
            RelayConfig relayConfig = RelayConfig.defaults()
                    .withPollInterval(Duration.ofMillis(20))
                    .withAckTimeout(Duration.ofSeconds(1))
                    .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
            try (JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(config);
                    AuditOutboxRelay relay = AuditOutboxRelay.start(outbox, publisher, relayConfig)) {
                nats.stop();

                // when: 500 runs write their audit events while NATS is down
                List<AuditRecord> events = AuditTestEvents.chain(500);
                for (AuditRecord e : events) {
                    outbox.enqueue(List.of(e));
                }
                Thread.sleep(1000);
                long backlogDuringOutage = relay.backlog();
                long failedRounds = relay.failedRounds();
                nats.restart();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (relay.backlog() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }

                // then
                assertThat(backlogDuringOutage).isEqualTo(500);
                assertThat(failedRounds).isPositive();
                assertThat(relay.backlog()).isZero();
                Set<String> delivered = NatsTestSupport.readAll(nats.url(), config.subject()).stream()
                        .map(AuditEvents::fromJson)
                        .map(AuditRecord::eventId)
                        .collect(Collectors.toSet());
                assertThat(delivered)
                        .containsExactlyInAnyOrderElementsOf(
                                events.stream().map(AuditRecord::eventId).toList());
            }
        }
    }
}
