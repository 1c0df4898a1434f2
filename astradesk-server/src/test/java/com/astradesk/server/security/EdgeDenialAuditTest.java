package com.astradesk.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.redaction.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EdgeDenialAuditTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<AuditRecord> journal = new CopyOnWriteArrayList<>();
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final EdgeDenialAudit audit =
            new EdgeDenialAudit(journal::addAll, clock, Duration.ofMinutes(1), 3, Duration.ZERO, Redactor.standard());

    private static long total(List<AuditRecord> records) {
        return records.stream()
                .mapToLong(r -> ((Number) r.args().get("count")).longValue())
                .sum();
    }

    @Test
    void should_record_the_first_failure_at_once_with_reason_subject_and_address_but_never_the_token() {
        audit.denied("token_expired", Optional.of("alice"), "10.0.0.7", "req-1");

        assertThat(journal).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("auth.denied");
            assertThat(r.decision()).isEqualTo(AuditDecision.DENIED);
            assertThat(r.actor()).isEqualTo("anonymous");
            assertThat(r.requestId()).contains("req-1");
            assertThat(r.args())
                    .containsEntry("reason", "token_expired")
                    .containsEntry("subject", "alice")
                    .containsEntry("client_address", "10.0.0.7")
                    .containsEntry("count", 1L)
                    .doesNotContainKey("aggregated");
        });
    }

    @Test
    void should_sum_a_token_spray_into_two_records_per_source_and_window_and_count_every_failure() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            pool.execute(() -> audit.denied("invalid_token", Optional.of("user" + n), "10.0.0.9", "req-" + n));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(journal).hasSize(1);
        assertThat(audit.flush()).as("the window has not ended").isZero();
        now.set(now.get().plusSeconds(61));
        assertThat(audit.flush()).isEqualTo(1);

        assertThat(journal).hasSize(2);
        assertThat(journal.get(1).args()).containsEntry("aggregated", true).containsEntry("count", 999L);
        assertThat(total(journal)).isEqualTo(1000);
    }

    @Test
    void should_fold_sources_beyond_the_cap_into_one_overflow_record() {
        for (int i = 0; i < 50; i++) {
            audit.denied("invalid_token", Optional.empty(), "10.0.1." + i, "req-" + i);
        }
        audit.close();

        assertThat(journal).hasSize(4);
        assertThat(journal)
                .filteredOn(r -> r.args().get("client_address").equals(EdgeDenialAudit.OVERFLOW))
                .singleElement()
                .satisfies(r -> assertThat(r.args()).containsEntry("count", 47L));
        assertThat(total(journal)).isEqualTo(50);
    }

    @Test
    void should_start_a_new_window_with_a_record_of_its_own_and_flush_the_old_one() {
        audit.denied("missing_token", Optional.empty(), "10.0.0.1", "a");
        audit.denied("missing_token", Optional.empty(), "10.0.0.1", "b");
        now.set(now.get().plusSeconds(90));

        audit.denied("missing_token", Optional.empty(), "10.0.0.1", "c");

        assertThat(journal)
                .extracting(r -> r.args().get("count") + ":" + r.args().containsKey("aggregated"))
                .containsExactly("1:false", "1:true", "1:false");
    }

    @Test
    void should_cut_and_redact_a_claimed_subject() {
        audit.denied("invalid_token", Optional.of("jan@example.com" + "x".repeat(500)), "10.0.0.2", "r");

        String subject = (String) journal.get(0).args().get("subject");
        assertThat(subject).doesNotContain("jan@example.com").hasSizeLessThan(140);
    }

    @Test
    void should_not_fail_the_request_when_the_journal_is_down() {
        var failing = new EdgeDenialAudit(
                records -> {
                    throw new IllegalStateException("database down");
                },
                clock,
                Duration.ofMinutes(1),
                3,
                Duration.ZERO,
                Redactor.standard());

        assertThatCode(() -> {
                    failing.denied("invalid_token", Optional.empty(), "10.0.0.3", "r");
                    failing.close();
                })
                .doesNotThrowAnyException();
    }
}
