package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.server.auditor.AuditorSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's outbox relay publishes where the Auditor consumes: both read AUDIT_STREAM / AUDIT_SUBJECT. */
class AuditStreamSettingsTest {
    @Test
    void should_give_the_relay_and_the_auditor_the_same_stream_and_subject() {
        // given
        Map<String, String> env = Map.of(
                "NATS_URL", "nats://nats:4222",
                "AUDIT_STREAM", "TENANT_A_AUDIT",
                "AUDIT_SUBJECT", "tenant-a.audit",
                "S3_BUCKET", "audit-archive");

        // when
        NatsAuditConfig relay = AstraDeskConfig.fromEnv(env).store().nats().orElseThrow();
        NatsAuditConfig auditor = AuditorSettings.fromEnv(env).auditor().nats();

        // then
        assertThat(relay.stream()).isEqualTo("TENANT_A_AUDIT").isEqualTo(auditor.stream());
        assertThat(relay.subject()).isEqualTo("tenant-a.audit").isEqualTo(auditor.subject());
        assertThat(relay.dlqSubject()).isEqualTo(auditor.dlqSubject());
    }

    @Test
    void should_default_both_to_the_documented_stream() {
        NatsAuditConfig relay = AstraDeskConfig.fromEnv(Map.of("NATS_URL", "nats://nats:4222"))
                .store()
                .nats()
                .orElseThrow();

        assertThat(relay.stream()).isEqualTo(NatsAuditConfig.DEFAULT_STREAM);
        assertThat(relay.subject()).isEqualTo(NatsAuditConfig.DEFAULT_SUBJECT);
    }
}
