package com.astradesk.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditChainTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");

    private static AuditRecord record(int i) {
        return AuditRecord.builder()
                .withEventId("event-" + i)
                .withTs(T0.plusSeconds(i))
                .withActor("alice")
                .withTenant("acme")
                .withAction("create_ticket")
                .withDecision(AuditDecision.ALLOWED)
                .withTool("create_ticket")
                .withSideEffect("write")
                .withArgs(Map.of("arguments", Map.of("title", "ticket " + i)))
                .withRequestId("req-" + i)
                .withRunId("run-" + i)
                .build();
    }

    private static List<AuditRecord> chain(int n) {
        var fresh = new ArrayList<AuditRecord>();
        for (int i = 0; i < n; i++) {
            fresh.add(record(i));
        }
        return AuditChain.linkAll(Optional.empty(), fresh);
    }

    private static AuditRecord copy(AuditRecord r, UnaryOperator<Map<String, Object>> change) {
        return rebuild(r, change.apply(new java.util.HashMap<>(AuditChain.toWire(r))));
    }

    @SuppressWarnings("unchecked")
    private static AuditRecord rebuild(AuditRecord r, Map<String, Object> w) {
        return AuditRecord.builder()
                .withEventId((String) w.get("event_id"))
                .withTs(Instant.parse((String) w.get("ts")))
                .withActor((String) w.get("actor"))
                .withTenant(Optional.ofNullable((String) w.get("tenant")))
                .withAction((String) w.get("action"))
                .withDecision(AuditDecision.valueOf(((String) w.get("decision")).toUpperCase(java.util.Locale.ROOT)))
                .withTool(Optional.ofNullable((String) w.get("tool")))
                .withSideEffect(Optional.ofNullable((String) w.get("side_effect")))
                .withArgs((Map<String, Object>) w.get("args"))
                .withRequestId(Optional.ofNullable((String) w.get("request_id")))
                .withTraceId(Optional.ofNullable((String) w.get("trace_id")))
                .withRunId(Optional.ofNullable((String) w.get("run_id")))
                .withPrevHash(Optional.ofNullable((String) w.get("prev_hash")))
                .withHash(Optional.ofNullable((String) w.get("hash")))
                .build();
    }

    @Test
    void should_verify_an_intact_chain_linked_from_the_start() {
        // given
        List<AuditRecord> records = chain(5);

        // then
        assertThat(AuditChain.firstBrokenLink(records)).isEmpty();
        assertThat(AuditChain.firstBrokenLink(Optional.empty(), records)).isEmpty();
        assertThat(records.get(0).prevHash()).isEmpty();
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).prevHash()).isEqualTo(records.get(i - 1).hash());
        }
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of("event_id", (UnaryOperator<Map<String, Object>>) w -> put(w, "event_id", "forged")),
                Arguments.of("ts", (UnaryOperator<Map<String, Object>>)
                        w -> put(w, "ts", T0.minusSeconds(60).toString())),
                Arguments.of("actor", (UnaryOperator<Map<String, Object>>) w -> put(w, "actor", "mallory")),
                Arguments.of("tenant", (UnaryOperator<Map<String, Object>>) w -> put(w, "tenant", null)),
                Arguments.of("action", (UnaryOperator<Map<String, Object>>) w -> put(w, "action", "get_ticket")),
                Arguments.of("decision", (UnaryOperator<Map<String, Object>>) w -> put(w, "decision", "denied")),
                Arguments.of("tool", (UnaryOperator<Map<String, Object>>) w -> put(w, "tool", "get_ticket")),
                Arguments.of("side_effect", (UnaryOperator<Map<String, Object>>) w -> put(w, "side_effect", "read")),
                Arguments.of("args", (UnaryOperator<Map<String, Object>>)
                        w -> put(w, "args", Map.of("arguments", Map.of()))),
                Arguments.of("request_id", (UnaryOperator<Map<String, Object>>) w -> put(w, "request_id", "req-x")),
                Arguments.of("trace_id", (UnaryOperator<Map<String, Object>>) w -> put(w, "trace_id", "trace-x")),
                Arguments.of("run_id", (UnaryOperator<Map<String, Object>>) w -> put(w, "run_id", "run-x")),
                Arguments.of("prev_hash", (UnaryOperator<Map<String, Object>>) w -> put(w, "prev_hash", "00")),
                Arguments.of("hash", (UnaryOperator<Map<String, Object>>) w -> put(w, "hash", "ff")));
    }

    private static Map<String, Object> put(Map<String, Object> w, String key, Object value) {
        w.put(key, value);
        return w;
    }

    @ParameterizedTest(name = "tampered {0}")
    @MethodSource("tamperings")
    void should_report_the_tampered_record_as_the_first_broken_link(
            String field, UnaryOperator<Map<String, Object>> change) {
        // given
        List<AuditRecord> records = new ArrayList<>(chain(5));
        records.set(2, copy(records.get(2), change));

        // then
        assertThat(AuditChain.firstBrokenLink(records)).hasValue(2);
    }

    @Test
    void should_report_the_record_after_a_deleted_one() {
        // given
        List<AuditRecord> records = new ArrayList<>(chain(5));

        // when
        records.remove(2);

        // then
        assertThat(AuditChain.firstBrokenLink(records)).hasValue(2);
    }

    @Test
    void should_report_index_zero_when_the_first_record_of_a_log_was_deleted() {
        // given
        List<AuditRecord> records = new ArrayList<>(chain(4));

        // when
        records.remove(0);

        // then
        assertThat(AuditChain.firstBrokenLink(Optional.empty(), records)).hasValue(0);
    }

    @Test
    void should_report_the_first_of_two_reordered_records() {
        // given
        List<AuditRecord> records = new ArrayList<>(chain(5));

        // when
        AuditRecord third = records.get(3);
        records.set(3, records.get(1));
        records.set(1, third);

        // then
        assertThat(AuditChain.firstBrokenLink(records)).hasValue(1);
    }

    @Test
    void should_keep_verifying_across_appends_to_the_in_memory_log() {
        // given
        AuditLog log = AuditLog.inMemory();

        // when
        log.append(List.of(record(0), record(1)));
        log.append(List.of(record(2)));

        // then
        List<AuditRecord> all = log.recent(10);
        assertThat(all).hasSize(3);
        assertThat(AuditChain.firstBrokenLink(Optional.empty(), all)).isEmpty();
        assertThat(log.forRun("run-1")).extracting(AuditRecord::eventId).containsExactly("event-1");
    }

    @Test
    void should_keep_timestamps_to_the_microsecond_so_database_round_trips_verify() {
        // given
        AuditRecord r = AuditRecord.builder()
                .withEventId("e")
                .withTs(Instant.parse("2026-01-01T00:00:00.123456789Z"))
                .withActor("a")
                .withAction("x")
                .withDecision(AuditDecision.ALLOWED)
                .build();

        // then
        assertThat(r.ts()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }
}
