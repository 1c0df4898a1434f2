package com.astradesk.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
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
}
