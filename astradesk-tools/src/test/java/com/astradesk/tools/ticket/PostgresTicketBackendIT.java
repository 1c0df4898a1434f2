package com.astradesk.tools.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.core.tool.ToolFailureException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL ticket backend on a real PostgreSQL (a private database migrated by core's migrations). */
class PostgresTicketBackendIT extends AbstractTicketBackendContractTest {
    private static TestDatabase db;
    private static PostgresStores stores;

    @BeforeAll
    static void openDatabase() {
        db = TestServices.createDatabase("tickets");
        stores = PostgresStores.open(db.config());
    }

    @AfterAll
    static void dropDatabase() {
        stores.close();
        db.close();
    }

    @Override
    protected TicketBackend newBackend() {
        return TicketBackend.postgres(stores.dataSource());
    }

    @Test
    void should_keep_tickets_and_idempotency_keys_across_a_restart() {
        // given: a ticket created through one pool (one replica, or before a restart)
        Ticket first = newBackend().create("Disk full", "d", TicketPriority.HIGH, "dana", Optional.of("restart-key"));

        // when: a new pool on the same database
        Ticket replay;
        Optional<Ticket> found;
        try (PostgresStores reopened = PostgresStores.open(db.config())) {
            TicketBackend after = TicketBackend.postgres(reopened.dataSource());
            replay = after.create("Disk full again", "d2", TicketPriority.LOW, "dana", Optional.of("restart-key"));
            found = after.find(first.id());
        }

        // then
        assertThat(replay).isEqualTo(first);
        assertThat(found).contains(first);
    }

    @Test
    void should_number_tickets_from_the_sequence() {
        // given
        TicketBackend backend = newBackend();

        // when
        long a = number(backend.create("a", "d", TicketPriority.LOW, "erin", Optional.empty()));
        long b = number(backend.create("b", "d", TicketPriority.LOW, "erin", Optional.empty()));

        // then
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void should_report_a_closed_pool_as_an_unavailable_ticket_database() {
        // given
        PostgresStores closed = PostgresStores.open(db.config());
        TicketBackend backend = TicketBackend.postgres(closed.dataSource());
        closed.close();

        // then
        assertThatThrownBy(() -> backend.find("TKT-1"))
                .isInstanceOf(ToolFailureException.class)
                .hasMessageContaining("ticket database");
    }

    private static long number(Ticket t) {
        return Long.parseLong(t.id().substring("TKT-".length()));
    }
}
