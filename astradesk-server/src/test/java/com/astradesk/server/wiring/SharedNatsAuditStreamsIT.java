package com.astradesk.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.store.nats.JetStreamAuditPublisher;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.nats.NatsTestSupport;
import com.astradesk.server.config.AstraDeskConfig;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two deployments on one NATS server, each with its own {@code AUDIT_STREAM} / {@code AUDIT_SUBJECT} and no
 * {@code AUDIT_DLQ_SUBJECT}: both streams are created and both relays' events are acknowledged. (With one shared
 * default dead-letter subject the second stream overlapped the first and JetStream refused it, so that deployment's
 * relay published nothing, forever.)
 */
class SharedNatsAuditStreamsIT {
    private final String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final NatsAuditConfig first = deployment("A");
    private final NatsAuditConfig second = deployment("B");

    @AfterEach
    void dropStreams() {
        NatsTestSupport.deleteStream(NatsTestSupport.SHARED_URL, first);
        NatsTestSupport.deleteStream(NatsTestSupport.SHARED_URL, second);
    }

    @Test
    void should_let_two_deployments_with_their_own_stream_and_subject_publish_on_one_nats_server() throws Exception {
        // given
        List<AuditRecord> events = AuditTestEvents.chain(2);

        // when
        try (JetStreamAuditPublisher a = JetStreamAuditPublisher.connect(first);
                JetStreamAuditPublisher b = JetStreamAuditPublisher.connect(second)) {
            a.publishAsync(events.get(0)).get(10, TimeUnit.SECONDS);
            b.publishAsync(events.get(1)).get(10, TimeUnit.SECONDS);
        }

        // then
        assertThat(first.dlqSubject()).isEqualTo(first.subject() + ".dlq");
        assertThat(NatsTestSupport.readAll(NatsTestSupport.SHARED_URL, first.subject()).stream()
                        .map(AuditEvents::fromJson)
                        .toList())
                .containsExactly(events.get(0));
        assertThat(NatsTestSupport.readAll(NatsTestSupport.SHARED_URL, second.subject()).stream()
                        .map(AuditEvents::fromJson)
                        .toList())
                .containsExactly(events.get(1));
    }

    /** What the server reads from a deployment's environment. */
    private NatsAuditConfig deployment(String name) {
        return AstraDeskConfig.fromEnv(Map.of(
                        "NATS_URL", NatsTestSupport.SHARED_URL,
                        "AUDIT_STREAM", "PT_" + name + "_" + tag,
                        "AUDIT_SUBJECT", "pt-" + name.toLowerCase(java.util.Locale.ROOT) + "-" + tag + ".audit"))
                .store()
                .nats()
                .orElseThrow();
    }
}
