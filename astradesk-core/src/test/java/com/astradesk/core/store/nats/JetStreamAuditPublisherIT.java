package com.astradesk.core.store.nats;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.AuditOutboxRelay;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.audit.InMemoryAuditOutbox;
import com.astradesk.core.audit.OutboxMessage;
import com.astradesk.core.audit.RelayConfig;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.StreamInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JetStreamAuditPublisherIT {
    private final NatsAuditConfig config = NatsTestSupport.uniqueConfig(NatsTestSupport.SHARED_URL);

    @AfterEach
    void cleanUp() {
        NatsTestSupport.deleteStream(NatsTestSupport.SHARED_URL, config);
    }

    @Test
    void should_create_the_stream_with_both_subjects_file_storage_and_a_dedup_window() throws Exception {
        // given
        try (JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(config)) {
            AuditRecord event = AuditTestEvents.chain(1).get(0);

            // when
            publisher.publishAsync(event).get();
            publisher.publishAsync(event).get();
        }

        // then
        try (Connection nc = Nats.connect(NatsTestSupport.SHARED_URL)) {
            StreamInfo info = nc.jetStreamManagement().getStreamInfo(config.stream());
            assertThat(info.getConfiguration().getSubjects())
                    .containsExactlyInAnyOrder(config.subject(), config.dlqSubject());
            assertThat(info.getConfiguration().getStorageType()).hasToString("file");
            assertThat(info.getConfiguration().getDuplicateWindow()).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
            assertThat(info.getStreamState().getMsgCount())
                    .as("duplicate dropped by Nats-Msg-Id")
                    .isEqualTo(1);
        }
    }

    @Test
    void should_publish_each_event_once_even_when_the_relay_sends_it_twice() throws Exception {
        // given
        List<AuditRecord> events = AuditTestEvents.chain(20);
        try (JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(config)) {
            for (AuditRecord e : events) {
                publisher
                        .send(new OutboxMessage(1, e.eventId(), AuditEvents.toJson(e)))
                        .get();
            }
            InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
            outbox.enqueue(events);

            // when
            AuditOutboxRelay.create(outbox, publisher, RelayConfig.defaults()).drainOnce();
        }

        // then
        List<AuditRecord> stored = NatsTestSupport.readAll(NatsTestSupport.SHARED_URL, config.subject()).stream()
                .map(AuditEvents::fromJson)
                .toList();
        assertThat(stored).isEqualTo(events);
    }

    @Test
    void should_relay_ten_thousand_events_and_report_the_rate() throws Exception {
        // given
        int n = 10_000;
        InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
        outbox.enqueue(AuditTestEvents.chain(n));
        try (JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(config)) {
            AuditOutboxRelay relay = AuditOutboxRelay.create(
                    outbox, publisher, RelayConfig.defaults().withBatchSize(500));
            int warmUp = relay.drainOnce(); // stream setup and JIT

            // when
            long start = System.nanoTime();
            while (relay.backlog() > 0) {
                relay.drainOnce();
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            // then
            System.out.printf(
                    "audit relay throughput: %d events in %.2f s = %.0f events/s%n",
                    n - warmUp, seconds, (n - warmUp) / seconds);
            assertThat(relay.sentCount()).isEqualTo(n);
        }
        try (Connection nc = Nats.connect(NatsTestSupport.SHARED_URL)) {
            assertThat(nc.jetStreamManagement()
                            .getStreamInfo(config.stream())
                            .getStreamState()
                            .getMsgCount())
                    .isEqualTo(n);
        }
    }
}
