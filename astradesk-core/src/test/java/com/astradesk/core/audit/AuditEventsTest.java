package com.astradesk.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
