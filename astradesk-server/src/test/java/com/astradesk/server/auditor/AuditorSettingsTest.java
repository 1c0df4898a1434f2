package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditorSettingsTest {

    @Test
    void should_read_s3_search_and_consumer_settings_from_the_environment() {
        AuditorSettings s = AuditorSettings.fromEnv(Map.of(
                "NATS_URL", "nats://nats:4222",
                "AUDITOR_BATCH_SIZE", "50",
                "S3_BUCKET", "audit-archive",
                "S3_ENDPOINT", "http://minio:9000",
                "S3_ACCESS_KEY_ID", "ak",
                "S3_SECRET_ACCESS_KEY", "sk",
                "S3_OBJECT_LOCK_MODE", "compliance",
                "S3_OBJECT_LOCK_RETENTION_DAYS", "400",
                "ES_URL", "http://opensearch:9200",
                "ES_API_KEY", "secret-key"));

        assertThat(s.auditor().durable()).isEqualTo("astradesk-auditor");
        assertThat(s.auditor().batchSize()).isEqualTo(50);
        assertThat(s.auditor().nats().subject()).isEqualTo("astradesk.audit");
        assertThat(s.s3()).hasValueSatisfying(c -> {
            assertThat(c.pathStyle()).as("path style follows a custom endpoint").isTrue();
            assertThat(c.prefix()).isEqualTo("audit");
            assertThat(c.objectLock())
                    .hasValue(new S3ArchiveConfig.ObjectLockSettings("COMPLIANCE", Duration.ofDays(400)));
            assertThat(c.layout()).isEqualTo(S3ArchiveConfig.Layout.OBJECT_PER_BATCH);
        });
        assertThat(s.search()).hasValueSatisfying(c -> {
            assertThat(c.authorization()).hasValue("ApiKey secret-key");
            assertThat(c.toString()).doesNotContain("secret-key");
        });
        assertThat(s.alerts().rules()).hasSize(3);
        assertThat(s.healthPort()).isEqualTo(8081);
    }

    @Test
    void should_read_alert_rules_from_a_file_and_add_the_webhook(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(
                rules, "{\"rules\":[{\"name\":\"x\",\"type\":\"denied_side_effect\",\"side_effects\":[\"write\"]}]}");

        AuditorSettings s = AuditorSettings.fromEnv(Map.of(
                "NATS_URL", "nats://n:4222",
                "ES_URL", "http://os:9200",
                "AUDIT_ALERT_RULES_FILE", rules.toString(),
                "ALERT_WEBHOOK_URL", "https://hooks.example.com/a"));

        assertThat(s.alerts().rules()).extracting(AlertRule::name).containsExactly("x");
        assertThat(s.alerts().webhook())
                .hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("hooks.example.com"));
    }

    @Test
    void should_name_the_missing_or_bad_variable() {
        assertThatThrownBy(() -> AuditorSettings.fromEnv(Map.of("S3_BUCKET", "b")))
                .hasMessageContaining("NATS_URL");
        assertThatThrownBy(() -> AuditorSettings.fromEnv(Map.of("NATS_URL", "nats://n:4222")))
                .hasMessageContaining("S3_BUCKET")
                .hasMessageContaining("ES_URL");
        assertThatThrownBy(() -> AuditorSettings.fromEnv(
                        Map.of("NATS_URL", "nats://n:4222", "ES_URL", "http://os", "AUDITOR_BATCH_SIZE", "many")))
                .hasMessageContaining("AUDITOR_BATCH_SIZE");
        assertThatThrownBy(() ->
                        AuditorSettings.fromEnv(Map.of("NATS_URL", "nats://n:4222", "ES_URL", "ftp://user:pw@os")))
                .hasMessageContaining("ES_URL")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> AuditorSettings.fromEnv(
                        Map.of("NATS_URL", "nats://n:4222", "S3_BUCKET", "b", "S3_OBJECT_LOCK_MODE", "forever")))
                .hasMessageContaining("GOVERNANCE or COMPLIANCE");
        assertThatThrownBy(() -> AuditorSettings.fromEnv(
                        Map.of("NATS_URL", "nats://n:4222", "S3_BUCKET", "b", "S3_ARCHIVE_LAYOUT", "zip")))
                .hasMessageContaining("S3_ARCHIVE_LAYOUT");
    }

    @Test
    void should_keep_one_object_per_event_when_asked() {
        AuditorSettings s = AuditorSettings.fromEnv(
                Map.of("NATS_URL", "nats://n:4222", "S3_BUCKET", "b", "S3_ARCHIVE_LAYOUT", "EVENT"));

        assertThat(s.s3())
                .hasValueSatisfying(c -> assertThat(c.layout()).isEqualTo(S3ArchiveConfig.Layout.OBJECT_PER_EVENT));
    }
}
