package com.astradesk.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.audit.OutboxClaim;
import com.astradesk.core.audit.OutboxMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract every {@link AuditOutbox} keeps; the in-memory and the Postgres outbox both run it. */
public abstract class AbstractAuditOutboxContractTest {

    /** The outbox under test, empty. */
    protected abstract AuditOutbox outbox();

    /** Writes chained records to the outbox the way the implementation is fed; returns them as stored. */
    protected abstract List<AuditRecord> write(List<AuditRecord> records);

    private List<OutboxMessage> peek(int limit) {
        List<OutboxMessage> seen = new ArrayList<>();
        outbox().drain(limit, batch -> {
            seen.addAll(batch);
            return List.of();
        });
        return seen;
    }

    @Test
    void should_hand_out_the_oldest_rows_first_up_to_the_limit() {
        List<AuditRecord> stored = write(AuditTestEvents.chain(5));

        List<OutboxMessage> batch = peek(3);

        assertThat(batch)
                .extracting(OutboxMessage::messageId)
                .containsExactly(
                        stored.get(0).eventId(),
                        stored.get(1).eventId(),
                        stored.get(2).eventId());
        assertThat(AuditEvents.fromJson(batch.get(1).payload())).isEqualTo(stored.get(1));
        assertThat(outbox().pendingCount()).isEqualTo(5);
    }

    @Test
    void should_mark_exactly_the_returned_rows_sent() {
        write(AuditTestEvents.chain(4));
        List<OutboxMessage> all = peek(10);

        int marked = outbox().drain(
                        10, batch -> List.of(batch.get(0).id(), batch.get(2).id(), 987_654_321L));

        assertThat(marked).isEqualTo(2);
        assertThat(outbox().pendingCount()).isEqualTo(2);
        assertThat(peek(10))
                .extracting(OutboxMessage::id)
                .containsExactly(all.get(1).id(), all.get(3).id());
    }

    @Test
    void should_not_call_the_publisher_when_nothing_is_pending() {
        List<List<OutboxMessage>> calls = new ArrayList<>();

        int marked = outbox().drain(10, batch -> {
            calls.add(batch);
            return List.of();
        });

        assertThat(marked).isZero();
        assertThat(calls).isEmpty();
        assertThat(outbox().pendingCount()).isZero();
    }

    @Test
    void should_refuse_a_non_positive_limit() {
        assertThatThrownBy(() -> outbox().drain(0, batch -> List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void should_hand_two_open_claims_disjoint_rows_oldest_first() {
        List<AuditRecord> stored = write(AuditTestEvents.chain(5));

        try (OutboxClaim first = outbox().claim(3);
                OutboxClaim second = outbox().claim(3)) {
            assertThat(first.messages())
                    .extracting(OutboxMessage::messageId)
                    .containsExactly(
                            stored.get(0).eventId(),
                            stored.get(1).eventId(),
                            stored.get(2).eventId());
            assertThat(second.messages())
                    .extracting(OutboxMessage::messageId)
                    .containsExactly(stored.get(3).eventId(), stored.get(4).eventId());
        }
    }

    @Test
    void should_mark_a_claims_acknowledged_rows_and_release_the_others() {
        write(AuditTestEvents.chain(4));
        OutboxClaim claim = outbox().claim(10);
        List<OutboxMessage> claimed = claim.messages();

        int marked = claim.complete(List.of(claimed.get(1).id(), claimed.get(3).id()));

        assertThat(marked).isEqualTo(2);
        assertThat(outbox().pendingCount()).isEqualTo(2);
        assertThat(peek(10))
                .extracting(OutboxMessage::id)
                .containsExactly(claimed.get(0).id(), claimed.get(2).id());
    }

    @Test
    void should_leave_every_row_pending_when_a_claim_is_closed_without_completing() {
        write(AuditTestEvents.chain(3));
        OutboxClaim claim = outbox().claim(10);

        claim.close();
        claim.close();

        assertThat(outbox().pendingCount()).isEqualTo(3);
        assertThat(peek(10)).extracting(OutboxMessage::id).containsExactlyElementsOf(ids(claim.messages()));
    }

    @Test
    void should_refuse_to_complete_a_claim_twice() {
        write(AuditTestEvents.chain(2));
        OutboxClaim claim = outbox().claim(10);
        claim.complete(List.of(claim.messages().get(0).id()));

        assertThatThrownBy(() -> claim.complete(List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("claim");
        assertThat(outbox().pendingCount()).isEqualTo(1);
    }

    private static List<Long> ids(List<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::id).toList();
    }
}
