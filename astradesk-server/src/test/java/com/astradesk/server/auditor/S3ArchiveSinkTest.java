package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditTestEvents;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3ArchiveSinkTest {
    private static S3ProxyFixture s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static List<AuditEvent> events(int n) {
        return AuditTestEvents.chain(n).stream()
                .map(r -> AuditEvent.parse(AuditEvents.toJson(r)))
                .toList();
    }

    @Test
    void should_archive_each_event_under_a_date_partitioned_key_and_stay_idempotent() {
        // given
        S3ArchiveConfig config = s3.createBucket("archive-idem").withPrefix("audit");
        List<AuditEvent> batch = events(4);
        try (S3ArchiveSink sink = new S3ArchiveSink(config)) {
            // when
            assertThat(sink.write(batch)).isEmpty();
            assertThat(sink.write(batch)).isEmpty();

            // then
            assertThat(s3.keys("archive-idem"))
                    .hasSize(4)
                    .contains("audit/2026/11/26/" + batch.get(0).eventId() + ".json");
            assertThat(sink.read("audit/2026/11/26/" + batch.get(2).eventId() + ".json"))
                    .isEqualTo(batch.get(2).json());
        }
    }

    @Test
    void should_verify_the_archive_and_name_a_tampered_object() {
        // given
        S3ArchiveConfig config = s3.createBucket("archive-verify");
        List<AuditEvent> batch = events(6);
        try (S3ArchiveSink sink = new S3ArchiveSink(config)) {
            sink.write(batch);
            VerificationResult before = AuditVerifier.verifyArchive(sink, "");
            String key = config.keyOf(batch.get(3));
            s3.overwrite("archive-verify", key, batch.get(3).json().replace("\"alice\"", "\"mallory\""));

            // when
            VerificationResult after = AuditVerifier.verifyArchive(sink, "2026/11");

            // then
            assertThat(before.intact()).isTrue();
            assertThat(before.checked()).isEqualTo(6);
            assertThat(after.intact()).isFalse();
            assertThat(after.brokenEventId()).hasValue(batch.get(3).eventId());
        }
    }

    @Test
    void should_fail_the_batch_when_the_bucket_does_not_exist() {
        S3ArchiveConfig config = S3ArchiveConfig.of("no-such-bucket", "us-east-1")
                .withEndpoint(s3.endpoint(), S3ProxyFixture.ACCESS, S3ProxyFixture.SECRET);
        try (S3ArchiveSink sink = new S3ArchiveSink(config)) {
            assertThatThrownBy(() -> sink.write(events(2)))
                    .isInstanceOf(SinkUnavailableException.class)
                    .hasMessageContaining("s3");
        }
    }

    @Test
    void should_never_overwrite_an_archived_object_with_conditional_puts() {
        // given
        S3ArchiveConfig base = s3.createBucket("archive-conditional");
        S3ArchiveConfig config = new S3ArchiveConfig(
                base.bucket(),
                base.prefix(),
                base.region(),
                base.endpoint(),
                base.pathStyle(),
                base.accessKeyId(),
                base.secretAccessKey(),
                true,
                base.objectLock(),
                4);
        List<AuditEvent> batch = events(3);
        String key = config.keyOf(batch.get(1));
        try (S3ArchiveSink sink = new S3ArchiveSink(config)) {
            sink.write(batch.subList(0, 2));
            s3.overwrite("archive-conditional", key, "{\"kept\":true}");

            // when: a re-delivery of the batch
            var failed = sink.write(batch);

            // then: counted as archived, and the object already there was left alone
            assertThat(failed).isEmpty();
            assertThat(sink.read(key)).isEqualTo("{\"kept\":true}");
            assertThat(s3.keys("archive-conditional")).hasSize(3);
        }
    }
}
