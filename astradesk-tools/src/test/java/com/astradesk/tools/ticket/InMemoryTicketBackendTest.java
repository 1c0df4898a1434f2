package com.astradesk.tools.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryTicketBackendTest {

    @Test
    void should_create_one_ticket_when_the_same_key_races() throws Exception {
        // given
        TicketBackend backend = TicketBackend.inMemory();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Ticket>> tasks = IntStream.range(0, 32)
                .<Callable<Ticket>>mapToObj(
                        i -> () -> backend.create("VPN down", "d", TicketPriority.MEDIUM, "alice", Optional.of("race")))
                .toList();

        // when
        List<String> ids;
        try {
            ids = pool.invokeAll(tasks).stream()
                    .map(InMemoryTicketBackendTest::get)
                    .map(Ticket::id)
                    .distinct()
                    .toList();
        } finally {
            pool.shutdownNow();
        }

        // then
        assertThat(ids).containsExactly("TKT-1");
        assertThat(backend.find("TKT-2")).isEmpty();
    }

    @Test
    void should_number_tickets_in_order() {
        // given
        TicketBackend backend = TicketBackend.inMemory();

        // when
        Ticket first = backend.create("a", "d", TicketPriority.LOW, "alice", Optional.empty());
        Ticket second = backend.create("b", "d", TicketPriority.HIGH, "alice", Optional.empty());

        // then
        assertThat(List.of(first.id(), second.id())).containsExactly("TKT-1", "TKT-2");
        assertThat(backend.find("TKT-2")).contains(second);
    }

    private static Ticket get(Future<Ticket> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
