package com.astradesk.tools.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TicketBackend} must do. The in-memory, PostgreSQL and Jira backends extend this, so the
 * embedded default and production cannot drift apart. Shipped in the test-jar.
 */
public abstract class AbstractTicketBackendContractTest {

    /** A fresh, empty backend. */
    protected abstract TicketBackend newBackend();

    /** An id of this backend's form that no ticket has. */
    protected String unknownId() {
        return "TKT-987654";
    }

    @Test
    void should_store_a_ticket_and_find_it_by_id() {
        // given
        TicketBackend backend = newBackend();

        // when
        Ticket created = backend.create("VPN down", "cannot connect", TicketPriority.HIGH, "alice", Optional.empty());

        // then
        assertThat(created.id()).matches(backend.idPattern());
        assertThat(created.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(backend.find(created.id())).contains(created);
    }

    @Test
    void should_give_each_ticket_its_own_id() {
        // given
        TicketBackend backend = newBackend();

        // when
        Ticket first = backend.create("a", "d", TicketPriority.LOW, "alice", Optional.empty());
        Ticket second = backend.create("a", "d", TicketPriority.LOW, "alice", Optional.empty());

        // then
        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void should_find_nothing_for_an_unknown_id() {
        // given
        TicketBackend backend = newBackend();

        // then
        assertThat(backend.find(unknownId())).isEmpty();
    }

    @Test
    void should_return_the_first_ticket_when_an_idempotency_key_repeats() {
        // given
        TicketBackend backend = newBackend();
        Ticket first = backend.create("VPN down", "d", TicketPriority.MEDIUM, "alice", Optional.of("k1"));

        // when
        Ticket repeat = backend.create("VPN still down", "d2", TicketPriority.HIGH, "alice", Optional.of("k1"));
        Ticket other = backend.create("VPN down", "d", TicketPriority.MEDIUM, "alice", Optional.of("k2"));

        // then
        assertThat(repeat).isEqualTo(first);
        assertThat(other.id()).isNotEqualTo(first.id());
    }

    @Test
    void should_scope_idempotency_keys_by_reporter() {
        // given
        TicketBackend backend = newBackend();

        // when
        Ticket alice = backend.create("a", "d", TicketPriority.LOW, "alice", Optional.of("shared"));
        Ticket bob = backend.create("a", "d", TicketPriority.LOW, "bob", Optional.of("shared"));

        // then
        assertThat(bob.id()).isNotEqualTo(alice.id());
        assertThat(bob.reporter()).isEqualTo("bob");
    }

    @Test
    void should_keep_title_description_priority_and_reporter() {
        // given
        TicketBackend backend = newBackend();

        // when
        Ticket created = backend.create(
                "Printer on 3rd floor jams",
                "Paper jams on every job.\nTried a new tray.\n\nStarted Monday — zażółć gęślą jaźń.",
                TicketPriority.LOW,
                "carol@example.com",
                Optional.empty());

        // then
        Ticket found = backend.find(created.id()).orElseThrow();
        assertThat(found.title()).isEqualTo("Printer on 3rd floor jams");
        assertThat(found.description())
                .isEqualTo("Paper jams on every job.\nTried a new tray.\n\nStarted Monday — zażółć gęślą jaźń.");
        assertThat(found.priority()).isEqualTo(TicketPriority.LOW);
        assertThat(found.reporter()).isEqualTo("carol@example.com");
    }

    @Test
    void should_create_one_ticket_when_the_same_key_races() throws Exception {
        // given
        TicketBackend backend = newBackend();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Ticket>> tasks = IntStream.range(0, 32)
                .<Callable<Ticket>>mapToObj(
                        i -> () -> backend.create("VPN down", "d", TicketPriority.MEDIUM, "alice", Optional.of("race")))
                .toList();

        // when
        List<String> ids;
        try {
            ids = pool.invokeAll(tasks).stream()
                    .map(AbstractTicketBackendContractTest::get)
                    .map(Ticket::id)
                    .distinct()
                    .toList();
        } finally {
            pool.shutdownNow();
        }

        // then
        assertThat(ids).hasSize(1);
    }

    private static Ticket get(Future<Ticket> f) {
        try {
            return f.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
