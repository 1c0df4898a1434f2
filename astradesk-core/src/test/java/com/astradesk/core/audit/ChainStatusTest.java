package com.astradesk.core.audit;

import static com.astradesk.core.store.contract.AuditFixtures.audit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainStatusTest {
    private final List<AuditRecord> chain =
            AuditChain.linkAll(Optional.empty(), List.of(audit("r", "a"), audit("r", "b"), audit("r", "c")));

    private ChainStatus middle(AuditRecord b) {
        return ChainStatus.of(chain.get(0).hash(), b, true, chain.get(2).prevHash());
    }

    @Test
    void should_verify_an_untouched_record_and_the_ends_of_the_chain() {
        assertThat(middle(chain.get(1))).isEqualTo(ChainStatus.VERIFIED);
        assertThat(ChainStatus.of(
                        Optional.empty(), chain.get(0), true, chain.get(1).prevHash()))
                .isEqualTo(ChainStatus.VERIFIED);
        assertThat(ChainStatus.of(chain.get(1).hash(), chain.get(2), false, Optional.empty()))
                .isEqualTo(ChainStatus.VERIFIED);
    }

    @Test
    void should_report_a_hash_mismatch_when_the_content_was_changed() {
        AuditRecord b = chain.get(1);
        AuditRecord edited = new AuditRecord(
                b.eventId(),
                b.ts(),
                "mallory",
                b.tenant(),
                b.action(),
                b.decision(),
                b.tool(),
                b.sideEffect(),
                Map.of(),
                b.requestId(),
                b.traceId(),
                b.runId(),
                b.prevHash(),
                b.hash());

        assertThat(middle(edited)).isEqualTo(ChainStatus.HASH_MISMATCH);
        assertThat(ChainStatus.HASH_MISMATCH.wireName()).isEqualTo("hash_mismatch");
    }

    @Test
    void should_report_a_broken_link_when_a_neighbour_was_removed_or_rehashed() {
        // the record before b was removed: b's predecessor is now a's predecessor (none)
        assertThat(ChainStatus.of(
                        Optional.empty(), chain.get(1), true, chain.get(2).prevHash()))
                .isEqualTo(ChainStatus.LINK_BROKEN);
        // b was rewritten with a fresh hash: c no longer points at it
        AuditRecord rehashed = AuditChain.link(chain.get(0).hash(), audit("r", "forged"));
        assertThat(middle(rehashed)).isEqualTo(ChainStatus.LINK_BROKEN);
    }
}
