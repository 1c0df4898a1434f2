package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditTestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

    /** Events as delivered from stream sequences {@code firstSeq..} ({@code deliveries} times each). */
    private static List<AuditEvent> delivered(List<AuditEvent> events, long firstSeq, long deliveries) {
        List<AuditEvent> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(events.get(i).delivered(firstSeq + i, deliveries));
        }
        return out;
    }

    @Test
    void should_archive_a_batch_as_one_ndjson_object_in_stream_order() {
        // given
        S3ArchiveConfig config = s3.createBucket("batch-one").withPrefix("audit");
        List<AuditEvent> batch = delivered(events(5), 41, 1);
        List<AuditEvent> shuffled = List.of(batch.get(3), batch.get(0), batch.get(4), batch.get(1), batch.get(2));
        try (S3ArchiveSink sink = new S3ArchiveSink(config)) {
            // when
            assertThat(sink.write(shuffled)).isEmpty();

            // then
            String key = "audit/2026/11/26/00000000000000000041-00000000000000000045-"
                    + batch.get(0).eventId() + ".ndjson";
            assertThat(s3.keys("batch-one")).containsExactly(key);
            assertThat(sink.read(key))
                    .isEqualTo(batch.stream().map(e -> e.json() + "\n").collect(Collectors.joining()));
            assertThat(AuditVerifier.verifyArchive(sink, "").checked()).isEqualTo(5);
            assertThat(AuditVerifier.verifyArchive(sink, "").intact()).isTrue();
        }
    }

    @Test
    void should_not_archive_a_redelivered_event_twice() {
        // given: events 1..10 archived; 6..10 come back (their ack was lost) with 11..14 that are new
        S3ArchiveConfig config = s3.createBucket("batch-redelivered");
        List<AuditEvent> all = events(14);
        List<AuditEvent> firstTime = delivered(all, 1, 1);
        try (S3ArchiveSink sink = new S3ArchiveSink(config)) {
            sink.write(firstTime.subList(0, 10));
            List<AuditEvent> again = new ArrayList<>();
            firstTime.subList(5, 10).forEach(e -> again.add(e.delivered(e.streamSequence(), 2)));
            again.addAll(firstTime.subList(10, 14));

            // when
            Set<String> failed = sink.write(again);

            // then
            assertThat(failed).isEmpty();
            assertThat(s3.keys("batch-redelivered")).hasSize(2);
            assertThat(s3.eventIds("batch-redelivered"))
                    .hasSize(14)
                    .doesNotHaveDuplicates()
                    .containsAll(all.stream().map(AuditEvent::eventId).toList());
        }
    }

    @Test
    void should_not_archive_an_event_the_relay_sent_again_after_the_duplicate_window() {
        // given: outbox rows 101..110 relayed and archived (stream sequences 1..10); the relay, away longer than the
        // stream's duplicate window, sends rows 106..110 again: new messages (sequences 51..55), delivered once
        S3ArchiveConfig config = s3.createBucket("batch-republished");
        List<AuditEvent> all = events(12);
        List<AuditEvent> firstTime = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            firstTime.add(all.get(i).delivered(1 + i, 1).relayed(101 + i, false));
        }
        try (S3ArchiveSink sink = new S3ArchiveSink(config)) {
            sink.write(firstTime);
            List<AuditEvent> again = new ArrayList<>();
            for (int i = 5; i < 10; i++) {
                again.add(all.get(i).delivered(46 + i, 1).relayed(101 + i, true));
            }
            // and two rows sent late for the first time (a backlog), never archived
            again.add(all.get(10).delivered(56, 1).relayed(111, true));
            again.add(all.get(11).delivered(57, 1).relayed(112, true));

            // when
            Set<String> failed = sink.write(again);

            // then: the rows sent again are not archived twice; the late first sends are
            assertThat(failed).isEmpty();
            assertThat(s3.eventIds("batch-republished"))
                    .hasSize(12)
                    .doesNotHaveDuplicates()
                    .containsAll(all.stream().map(AuditEvent::eventId).toList());
            assertThat(s3.keys("batch-republished"))
                    .anySatisfy(k -> assertThat(k).contains("00000000000000000101-00000000000000000110-"));
        }
    }

    @Test
    void should_write_a_redelivered_event_that_never_reached_the_archive() {
        // given: 1..3 archived, 4 was delivered before but its write failed
        S3ArchiveConfig config = s3.createBucket("batch-missing");
        List<AuditEvent> batch = delivered(events(4), 1, 1);
        try (S3ArchiveSink sink = new S3ArchiveSink(config)) {
            sink.write(batch.subList(0, 3));

            // when
            Set<String> failed = sink.write(List.of(batch.get(3).delivered(4, 3)));

            // then
            assertThat(failed).isEmpty();
            assertThat(s3.eventIds("batch-missing")).hasSize(4).doesNotHaveDuplicates();
        }
    }

    @Test
    void should_name_a_tampered_line_of_a_batch_object() {
        // given
        S3ArchiveConfig config = s3.createBucket("batch-verify");
        List<AuditEvent> batch = delivered(events(6), 1, 1);
        try (S3ArchiveSink sink = new S3ArchiveSink(config)) {
            sink.write(batch);
            String key = s3.keys("batch-verify").get(0);
            AuditEvent victim = batch.get(3);
            s3.overwrite(
                    "batch-verify",
                    key,
                    sink.read(key).replace(victim.json(), victim.json().replace("\"alice\"", "\"mallory\"")));

            // when
            VerificationResult after = AuditVerifier.verifyArchive(sink, "2026/11");

            // then
            assertThat(after.intact()).isFalse();
            assertThat(after.brokenEventId()).hasValue(victim.eventId());
        }
    }

    @Test
    void should_archive_each_event_under_a_date_partitioned_key_and_stay_idempotent() {
        // given
        S3ArchiveConfig config =
                s3.createBucket("archive-idem").withPrefix("audit").withLayout(S3ArchiveConfig.Layout.OBJECT_PER_EVENT);
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
        S3ArchiveConfig config = s3.createBucket("archive-verify").withLayout(S3ArchiveConfig.Layout.OBJECT_PER_EVENT);
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
                4,
                S3ArchiveConfig.Layout.OBJECT_PER_EVENT);
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
