package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditTestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code audit verify} on the S3 archive (a real S3-compatible server), one kind of tampering per test, each in
 * both archive layouts: one NDJSON object per batch and one object per event.
 */
class ArchiveVerificationTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3ProxyFixture s3;

    private String bucket;
    private S3ArchiveConfig config;
    private S3ArchiveSink sink;
    private List<AuditEvent> events;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @AfterEach
    void closeSink() {
        sink.close();
    }

    /** Archives a fresh chain of six events (stream sequences 1..6) in {@code layout}. */
    private void archive(S3ArchiveConfig.Layout layout) {
        bucket = "verify-" + BUCKETS.incrementAndGet();
        config = s3.createBucket(bucket).withLayout(layout);
        sink = new S3ArchiveSink(config);
        List<AuditEvent> chain = new ArrayList<>();
        AuditTestEvents.chain(6)
                .forEach(r -> chain.add(AuditEvent.parse(AuditEvents.toJson(r)).delivered(chain.size() + 1, 1)));
        events = chain;
        assertThat(sink.write(events)).isEmpty();
    }

    /** Rewrites the stored copy of {@code victim} wherever it is (its object, or its line of a batch object). */
    private void rewrite(AuditEvent victim, UnaryOperator<String> change) {
        for (String key : s3.keys(bucket)) {
            String body = s3.read(bucket, key);
            if (body.contains(victim.json())) {
                s3.overwrite(bucket, key, body.replace(victim.json(), change.apply(victim.json())));
                return;
            }
        }
        throw new AssertionError("event " + victim.eventId() + " is not archived");
    }

    /** Removes the stored copy of {@code victim}: its object, or its line. */
    private void remove(AuditEvent victim) {
        for (String key : s3.keys(bucket)) {
            String body = s3.read(bucket, key);
            if (body.equals(victim.json())) {
                s3.delete(bucket, key);
                return;
            }
            if (body.contains(victim.json() + "\n")) {
                s3.overwrite(bucket, key, body.replace(victim.json() + "\n", ""));
                return;
            }
        }
        throw new AssertionError("event " + victim.eventId() + " is not archived");
    }

    /** Puts {@code events} (wire JSON) in one object named {@code name} under {@code day}, as the layout does. */
    private void put(String day, String name, String... events) {
        if (config.layout() == S3ArchiveConfig.Layout.OBJECT_PER_EVENT) {
            s3.overwrite(bucket, config.dayPrefix(day) + name + ".json", String.join("", events));
        } else {
            String range = ArchiveBatches.pad(90) + "-" + ArchiveBatches.pad(90) + "-";
            s3.overwrite(bucket, config.dayPrefix(day) + range + name + ".ndjson", String.join("\n", events) + "\n");
        }
    }

    private VerificationResult verify() {
        return AuditVerifier.verifyArchive(sink, "");
    }

    @ParameterizedTest
    @EnumSource(S3ArchiveConfig.Layout.class)
    void should_find_an_untouched_archive_intact(S3ArchiveConfig.Layout layout) {
        archive(layout);

        VerificationResult r = verify();

        assertThat(r.intact()).as(r.describe()).isTrue();
        assertThat(r.checked()).isEqualTo(6);
    }

    @ParameterizedTest
    @EnumSource(S3ArchiveConfig.Layout.class)
    void should_name_an_event_whose_stored_json_holds_a_key_the_hash_does_not_cover(S3ArchiveConfig.Layout layout) {
        archive(layout);
        AuditEvent victim = events.get(2);
        rewrite(victim, json -> json.replaceFirst("\\{", "{\"approved_by\":\"x\","));

        VerificationResult r = verify();

        assertThat(r.findingCount()).as(r.describe()).isEqualTo(1);
        assertThat(r.brokenEventId()).hasValue(victim.eventId());
        assertThat(r.brokenIndex()).isEqualTo(2);
        assertThat(r.detail()).isEqualTo("key 'approved_by' is not covered by the hash");
    }

    @ParameterizedTest
    @EnumSource(S3ArchiveConfig.Layout.class)
    void should_name_an_event_whose_content_was_changed(S3ArchiveConfig.Layout layout) {
        archive(layout);
        AuditEvent victim = events.get(3);
        rewrite(victim, json -> json.replace("\"alice\"", "\"mallory\""));

        VerificationResult r = verify();

        assertThat(r.findingCount()).as(r.describe()).isEqualTo(1);
        assertThat(r.brokenEventId()).hasValue(victim.eventId());
        assertThat(r.detail()).isEqualTo("its hash does not match its content");
    }

    @ParameterizedTest
    @EnumSource(S3ArchiveConfig.Layout.class)
    void should_name_the_event_after_a_deleted_one(S3ArchiveConfig.Layout layout) {
        archive(layout);
        remove(events.get(3));

        VerificationResult r = verify();

        assertThat(r.findingCount()).as(r.describe()).isEqualTo(1);
        assertThat(r.brokenEventId()).hasValue(events.get(4).eventId());
        assertThat(r.detail()).contains("prev_hash does not match");
    }

    @ParameterizedTest
    @EnumSource(S3ArchiveConfig.Layout.class)
    void should_name_the_new_first_event_when_the_first_one_was_deleted(S3ArchiveConfig.Layout layout) {
        archive(layout);
        remove(events.get(0));

        VerificationResult whole = verify();
        VerificationResult slice = AuditVerifier.verifyArchive(sink, "2026/11/26");

        assertThat(whole.brokenEventId())
                .as(whole.describe())
                .hasValue(events.get(1).eventId());
        assertThat(whole.detail()).contains("first record");
        assertThat(slice.intact()).as("a slice's first link is taken as given").isTrue();
    }

    @ParameterizedTest
    @EnumSource(S3ArchiveConfig.Layout.class)
    void should_name_an_event_moved_to_another_day(S3ArchiveConfig.Layout layout) {
        archive(layout);
        AuditEvent victim = events.get(4);
        remove(victim);
        put("2026/11/27", victim.eventId(), victim.json());

        VerificationResult r = verify();

        assertThat(r.findingCount()).as(r.describe()).isEqualTo(1);
        assertThat(r.brokenEventId()).hasValue(victim.eventId());
        assertThat(r.findings().get(0).location()).contains("2026/11/27");
        assertThat(r.detail()).contains("2026/11/26/");
    }

    @ParameterizedTest
    @EnumSource(S3ArchiveConfig.Layout.class)
    void should_name_an_event_archived_twice_with_different_content(S3ArchiveConfig.Layout layout) {
        archive(layout);
        AuditEvent victim = events.get(1);
        String forged = victim.json().replace("\"alice\"", "\"mallory\"");
        put("2026/11/26", "copy-" + victim.eventId(), forged);

        VerificationResult r = verify();

        assertThat(r.findings()).as(r.describe()).anySatisfy(f -> {
            assertThat(f.eventId()).isEqualTo(victim.eventId());
            assertThat(f.problem()).contains("second archived copy");
        });
    }

    @ParameterizedTest
    @EnumSource(S3ArchiveConfig.Layout.class)
    void should_name_stored_text_that_is_no_event(S3ArchiveConfig.Layout layout) {
        archive(layout);
        put("2026/11/26", "garbage", "{\"hello\":\"world\"}");

        VerificationResult r = verify();

        assertThat(r.findingCount()).as(r.describe()).isEqualTo(1);
        assertThat(r.brokenIndex()).isEqualTo(-1);
        assertThat(r.detail()).startsWith("not a valid audit event");
        assertThat(r.checked()).isEqualTo(6);
    }
}
