package com.astradesk.tools.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.tools.testing.MutableClock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryTicketBackendTest extends AbstractTicketBackendContractTest {
    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");

    @Override
    protected TicketBackend newBackend() {
        return TicketBackend.inMemory(clock);
    }

    @Test
    void should_number_tickets_in_order_and_stamp_them_with_the_clock() {
        // given
        TicketBackend backend = newBackend();

        // when
        Ticket first = backend.create("a", "d", TicketPriority.LOW, "alice", Optional.empty());
        Ticket second = backend.create("b", "d", TicketPriority.HIGH, "alice", Optional.empty());

        // then
        assertThat(List.of(first.id(), second.id())).containsExactly("TKT-1", "TKT-2");
        assertThat(second.createdAt()).isEqualTo(clock.instant());
    }
}
