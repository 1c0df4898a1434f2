package com.astradesk.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AuditEventsTest {

    @Test
    void should_read_back_the_same_record_and_keep_the_chain_valid() {
        // given
        List<AuditRecord> chain = AuditTestEvents.chain(3);

        // when
        List<AuditRecord> read = chain.stream()
                .map(AuditEvents::toJson)
                .map(AuditEvents::fromJson)
                .toList();

        // then
        assertThat(read).isEqualTo(chain);
        assertThat(AuditChain.firstBrokenLink(read)).isEmpty();
    }

    @Test
    void should_detect_a_changed_field_after_a_round_trip() {
        // given
        List<AuditRecord> chain = AuditTestEvents.chain(3);
        String tampered = AuditEvents.toJson(chain.get(1)).replace("\"alice\"", "\"mallory\"");

        // when
        List<AuditRecord> read = List.of(chain.get(0), AuditEvents.fromJson(tampered), chain.get(2));

        // then
        assertThat(AuditChain.firstBrokenLink(read)).hasValue(1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not json|''",
                "[1,2]|''",
                "{\"schema_version\":2}|schema_version",
                "{\"schema_version\":1,\"ts\":\"2026-11-26T10:00:00Z\"}|event_id",
                "{\"schema_version\":1,\"event_id\":\"e\",\"ts\":\"yesterday\",\"actor\":\"a\",\"action\":\"x\",\"decision\":\"allowed\"}|ts",
                "{\"schema_version\":1,\"event_id\":\"e\",\"ts\":\"2026-11-26T10:00:00Z\",\"actor\":\"a\",\"action\":\"x\",\"decision\":\"maybe\"}|decision",
                "{\"schema_version\":1,\"event_id\":\"e\",\"ts\":\"2026-11-26T10:00:00Z\",\"actor\":\"a\",\"action\":\"x\",\"decision\":\"denied\",\"args\":[]}|args"
            })
    void should_reject_malformed_events_naming_the_field(String json, String field) {
        assertThatThrownBy(() -> AuditEvents.fromJson(json))
                .isInstanceOf(AuditEventFormatException.class)
                .satisfies(
                        e -> assertThat(((AuditEventFormatException) e).field()).isEqualTo(field));
    }

    @Test
    void should_read_a_stored_event_that_holds_exactly_what_is_hashed() {
        AuditRecord stored = AuditTestEvents.chain(1).get(0);

        assertThat(AuditEvents.fromStoredJson(AuditEvents.toJson(stored))).isEqualTo(stored);
    }

    static Stream<Arguments> storedTampering() {
        return Stream.of(
                Arguments.of(
                        "a key added",
                        (UnaryOperator<String>) j -> j.replaceFirst("\\{", "{\"approved_by\":\"x\","),
                        "approved_by",
                        "key 'approved_by' is not covered by the hash"),
                Arguments.of(
                        "a key given twice",
                        (UnaryOperator<String>) j -> j.replaceFirst("\\{", "{\"actor\":\"mallory\","),
                        "",
                        "Duplicate field 'actor'"),
                Arguments.of(
                        "a key removed",
                        (UnaryOperator<String>) j -> j.replace("\"trace_id\":null,", ""),
                        "trace_id",
                        "key 'trace_id' is missing"),
                Arguments.of(
                        "a decision in upper case",
                        (UnaryOperator<String>) j -> j.replace("\"allowed\"", "\"ALLOWED\""),
                        "decision",
                        "stored as \"ALLOWED\" but hashed as \"allowed\""),
                Arguments.of(
                        "the schema version as a float",
                        (UnaryOperator<String>) j -> j.replace("\"schema_version\":1", "\"schema_version\":1.0"),
                        "schema_version",
                        "stored as 1.0 but hashed as 1"),
                Arguments.of(
                        "a timestamp with nanoseconds",
                        (UnaryOperator<String>) j -> j.replace("10:00:00Z", "10:00:00.000000001Z"),
                        "ts",
                        "hashed as \"2026-11-26T10:00:00Z\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storedTampering")
    void should_refuse_a_stored_event_holding_what_its_hash_does_not_cover(
            String tampering, UnaryOperator<String> tamper, String field, String message) {
        // given
        String json = AuditEvents.toJson(AuditTestEvents.chain(1).get(0));
        String tampered = tamper.apply(json);
        assertThat(tampered).as(tampering).isNotEqualTo(json);

        // when / then: the lenient reader accepts it and hashes the same; the stored-event reader does not
        assertThat(AuditChain.firstBrokenLink(List.of(AuditEvents.fromJson(tampered))))
                .isEmpty();
        assertThatThrownBy(() -> AuditEvents.fromStoredJson(tampered))
                .isInstanceOf(AuditEventFormatException.class)
                .hasMessageContaining(message)
                .satisfies(
                        e -> assertThat(((AuditEventFormatException) e).field()).isEqualTo(field));
    }
}
