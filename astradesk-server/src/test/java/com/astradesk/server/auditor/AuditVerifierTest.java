package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuditVerifierTest {

    @Test
    void should_restore_chain_order_from_shuffled_records_even_with_equal_timestamps() {
        // given
        List<AuditRecord> chain = AuditTestEvents.chain(50).stream()
                .map(r -> AuditEvents.fromJson(
                        AuditEvents.toJson(r).replaceAll("\"ts\":\"[^\"]+\"", "\"ts\":\"2026-11-26T10:00:00Z\"")))
                .toList();
        // the chain must be re-linked after changing ts
        List<AuditRecord> relinked = com.astradesk.core.audit.AuditChain.linkAll(java.util.Optional.empty(), chain);
        List<AuditRecord> shuffled = new ArrayList<>(relinked);
        Collections.shuffle(shuffled, new Random(7));

        // when
        List<AuditRecord> ordered = AuditVerifier.chainOrder(shuffled);

        // then
        assertThat(ordered).isEqualTo(relinked);
        assertThat(AuditVerifier.verify("test", ordered).intact()).isTrue();
    }

    @Test
    void should_name_a_record_whose_content_was_changed() {
        List<AuditRecord> chain = AuditTestEvents.chain(5);
        List<AuditRecord> tampered = new ArrayList<>(chain);
        tampered.set(2, AuditEvents.fromJson(AuditEvents.toJson(chain.get(2)).replace("\"alice\"", "\"mallory\"")));

        VerificationResult result = AuditVerifier.verify("test", AuditVerifier.chainOrder(tampered));

        assertThat(result.intact()).isFalse();
        assertThat(result.brokenEventId()).hasValue(chain.get(2).eventId());
        assertThat(result.detail()).contains("hash does not match");
        assertThat(result.describe()).contains(chain.get(2).eventId());
    }

    @Test
    void should_name_the_record_after_a_removed_one() {
        List<AuditRecord> chain = AuditTestEvents.chain(5);
        List<AuditRecord> gap = new ArrayList<>(chain);
        gap.remove(3);

        VerificationResult result = AuditVerifier.verify("test", AuditVerifier.chainOrder(gap));

        assertThat(result.brokenEventId()).hasValue(chain.get(4).eventId());
        assertThat(result.detail()).contains("prev_hash");
    }

    @Test
    void should_find_the_same_broken_link_when_checking_record_by_record() {
        List<AuditRecord> chain = AuditTestEvents.chain(6);
        List<AuditRecord> tampered = new ArrayList<>(chain);
        tampered.set(4, AuditEvents.fromJson(AuditEvents.toJson(chain.get(4)).replace("\"alice\"", "\"eve\"")));
        ChainChecker intact = new ChainChecker("pg");
        ChainChecker checker = new ChainChecker("pg");

        chain.forEach(intact::accept);
        tampered.forEach(checker::accept);

        assertThat(intact.result().intact()).isTrue();
        assertThat(intact.result().checked()).isEqualTo(6);
        assertThat(checker.result().brokenEventId()).hasValue(chain.get(4).eventId());
        assertThat(checker.result().brokenIndex()).isEqualTo(4);
        assertThat(checker.result().checked()).isEqualTo(6);
        assertThat(checker.result())
                .isEqualTo(new VerificationResult(
                        "pg",
                        6,
                        java.util.Optional.of(chain.get(4).eventId()),
                        4,
                        AuditVerifier.verify("pg", tampered).detail()));
    }
}
