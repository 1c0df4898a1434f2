package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditTestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchiveBatchesTest {
    private static AuditEvent event(Instant ts, long seq) {
        return AuditEvent.parse(AuditEvents.toJson(AuditTestEvents.record(
                        "alice", "get_metrics", AuditDecision.ALLOWED, Optional.empty(), Optional.empty(), ts)))
                .delivered(seq, 1);
    }

    @Test
    void should_cut_a_batch_per_day_in_stream_order_without_repeating_an_event() {
        // given
        AuditEvent lateDay1 = event(Instant.parse("2026-11-26T23:59:59Z"), 7);
        AuditEvent earlyDay2 = event(Instant.parse("2026-11-27T00:00:01Z"), 8);
        AuditEvent earlierDay1 = event(Instant.parse("2026-11-26T23:59:58Z"), 6);

        // when
        List<List<AuditEvent>> objects = ArchiveBatches.split(List.of(lateDay1, earlyDay2, earlierDay1, lateDay1));

        // then
        assertThat(objects).containsExactly(List.of(earlierDay1, lateDay1), List.of(earlyDay2));
    }

    @Test
    void should_split_an_object_that_would_span_too_many_sequences() {
        // given
        Instant ts = Instant.parse("2026-11-26T10:00:00Z");
        AuditEvent old = event(ts, 5);
        AuditEvent near = event(ts, 5 + ArchiveBatches.MAX_SPAN - 1);
        AuditEvent far = event(ts, 5 + ArchiveBatches.MAX_SPAN);

        // when
        List<List<AuditEvent>> objects = ArchiveBatches.split(List.of(far, old, near));

        // then
        assertThat(objects).containsExactly(List.of(old, near), List.of(far));
    }

    @Test
    void should_key_an_object_by_its_sequence_range_and_read_the_range_back() {
        // given
        Instant ts = Instant.parse("2026-11-26T10:00:00Z");
        List<AuditEvent> object = List.of(event(ts, 12), event(ts, 40));
        S3ArchiveConfig config = S3ArchiveConfig.of("b", "us-east-1").withPrefix("audit");

        // when
        String key = ArchiveBatches.keyOf(config, object);

        // then
        assertThat(key)
                .isEqualTo("audit/2026/11/26/00000000000000000012-00000000000000000040-"
                        + object.get(0).eventId() + ".ndjson");
        assertThat(ArchiveBatches.rangeOf(key)).hasValue(new ArchiveBatches.Range(12, 40));
        assertThat(ArchiveBatches.rangeOf("audit/2026/11/26/" + object.get(0).eventId() + ".json"))
                .isEmpty();
    }

    @Test
    void should_put_one_event_per_line_even_when_its_json_spans_lines() {
        // given
        AuditEvent compact = event(Instant.parse("2026-11-26T10:00:00Z"), 1);
        AuditEvent pretty = new AuditEvent(compact.record(), compact.json().replace(",", ",\n  ")).delivered(2, 1);

        // when
        String body = new String(ArchiveBatches.body(List.of(compact, pretty)), StandardCharsets.UTF_8);

        // then
        String[] lines = body.split("\n");
        assertThat(lines).hasSize(2);
        assertThat(AuditEvent.parse(lines[1]).record()).isEqualTo(compact.record());
    }
}
