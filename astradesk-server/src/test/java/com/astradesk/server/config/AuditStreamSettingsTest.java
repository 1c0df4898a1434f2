package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.server.auditor.AuditorSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Test
    void should_put_the_dead_letter_subject_under_the_audit_subject_so_deployments_can_share_nats() {
        // given: a second deployment with its own stream and subject and no AUDIT_DLQ_SUBJECT
        Map<String, String> env = Map.of(
                "NATS_URL", "nats://nats:4222",
                "AUDIT_STREAM", "TENANT_A_AUDIT",
                "AUDIT_SUBJECT", "tenant-a.audit",
                "S3_BUCKET", "audit-archive");

        // when
        NatsAuditConfig relay = AstraDeskConfig.fromEnv(env).store().nats().orElseThrow();
        NatsAuditConfig auditor = AuditorSettings.fromEnv(env).auditor().nats();

        // then: not the default deployment's astradesk.audit.dlq, which another stream already holds
        assertThat(relay.dlqSubject()).isEqualTo("tenant-a.audit.dlq").isEqualTo(auditor.dlqSubject());
        assertThat(AstraDeskConfig.fromEnv(Map.of("NATS_URL", "nats://nats:4222"))
                        .store()
                        .nats()
                        .orElseThrow()
                        .dlqSubject())
                .isEqualTo("astradesk.audit.dlq");
    }

    @ParameterizedTest
    @CsvSource({
        "AUDIT_STREAM, audit stream",
        "AUDIT_STREAM, ASTRADESK.AUDIT",
        "AUDIT_STREAM, audit/stream",
        "AUDIT_SUBJECT, astradesk audit",
        "AUDIT_SUBJECT, astradesk.*",
        "AUDIT_SUBJECT, astradesk.>",
        "AUDIT_SUBJECT, astradesk..audit",
        "AUDIT_SUBJECT, .astradesk",
        "AUDIT_DLQ_SUBJECT, dead letters",
        "AUDIT_DLQ_SUBJECT, astradesk.audit"
    })
    void should_stop_the_server_and_the_auditor_naming_a_value_nats_would_refuse(String variable, String value) {
        // given
        Map<String, String> env = new HashMap<>(Map.of("NATS_URL", "nats://nats:4222", "S3_BUCKET", "audit-archive"));
        env.put(variable, value);

        // then
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(variable)
                .satisfies(e -> assertThat(((ConfigException) e).variables()).containsExactly(variable));
        assertThatThrownBy(() -> AuditorSettings.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(variable);
    }

    @Test
    void should_ignore_the_audit_stream_settings_without_nats() {
        assertThat(AstraDeskConfig.fromEnv(Map.of("AUDIT_STREAM", "not used here"))
                        .store()
                        .nats())
                .isEmpty();
    }
}
