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
        ChainChecker intact = new ChainChecker("pg", true);
        ChainChecker checker = new ChainChecker("pg", true);

        chain.forEach(r -> intact.accept(r, "here", List.of()));
        for (int i = 0; i < tampered.size(); i++) {
            checker.accept(tampered.get(i), "position " + i, List.of());
        }

        assertThat(intact.result().intact()).isTrue();
        assertThat(intact.result().checked()).isEqualTo(6);
        assertThat(checker.result()).isEqualTo(AuditVerifier.verify("pg", tampered));
        assertThat(checker.result().brokenEventId()).hasValue(chain.get(4).eventId());
        assertThat(checker.result().brokenIndex()).isEqualTo(4);
        assertThat(checker.result().findingCount()).isEqualTo(1);
    }

    @Test
    void should_name_a_first_record_that_points_at_a_predecessor_when_the_chain_must_start_there() {
        List<AuditRecord> chain = AuditTestEvents.chain(4);
        ChainChecker fromStart = new ChainChecker("pg", true);
        ChainChecker slice = new ChainChecker("pg", false);

        chain.subList(1, 4).forEach(r -> fromStart.accept(r, "row", List.of()));
        chain.subList(1, 4).forEach(r -> slice.accept(r, "row", List.of()));

        assertThat(slice.result().intact()).isTrue();
        assertThat(fromStart.result().brokenEventId()).hasValue(chain.get(1).eventId());
        assertThat(fromStart.result().detail()).contains("first record").contains("removed");
    }

    @Test
    void should_name_every_altered_record_not_only_the_first() {
        List<AuditRecord> chain = AuditTestEvents.chain(6);
        List<AuditRecord> tampered = new ArrayList<>(chain);
        tampered.set(1, AuditEvents.fromJson(AuditEvents.toJson(chain.get(1)).replace("\"alice\"", "\"eve\"")));
        tampered.remove(4);

        VerificationResult result = AuditVerifier.verify("test", tampered);

        assertThat(result.findings())
                .extracting(VerificationResult.Finding::eventId)
                .containsExactly(chain.get(1).eventId(), chain.get(5).eventId());
        assertThat(result.describe())
                .contains("2 problems, first broken link at #1 event "
                        + chain.get(1).eventId())
                .contains("#4 event " + chain.get(5).eventId() + " (position 4): its prev_hash does not match");
    }

    @Test
    void should_keep_a_bounded_number_of_findings_and_count_all() {
        ChainChecker checker = new ChainChecker("pg", false);
        List<AuditRecord> chain = AuditTestEvents.chain(VerificationResult.MAX_FINDINGS + 20);

        chain.forEach(r -> checker.accept(r, "row", List.of("its column actor is wrong")));

        assertThat(checker.result().findings()).hasSize(VerificationResult.MAX_FINDINGS);
        assertThat(checker.result().findingCount()).isEqualTo(VerificationResult.MAX_FINDINGS + 20);
        assertThat(checker.result().describe()).contains("... and 20 more");
    }
}
