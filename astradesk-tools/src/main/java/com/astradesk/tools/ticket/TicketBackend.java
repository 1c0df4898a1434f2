package com.astradesk.tools.ticket;

import com.astradesk.core.coordination.LockService;
import com.astradesk.tools.ticket.internal.InMemoryTicketBackend;
import com.astradesk.tools.ticket.internal.JiraTicketBackend;
import com.astradesk.tools.ticket.internal.PostgresTicketBackend;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where tickets live: the port behind {@code create_ticket} and {@code get_ticket}. Implementations must be
 * thread-safe. They may throw {@link com.astradesk.core.tool.ToolFailureException} with a message safe to show
 * the caller when the backing system fails.
 */
public interface TicketBackend {

    /**
     * Opens a ticket. With an idempotency key, a repeat by the same reporter returns the ticket the first call
     * created (even if the other arguments differ) and creates nothing.
     *
     * @param title          the title, not blank
     * @param description    the description
     * @param priority       the priority
     * @param reporter       the subject of the caller
     * @param idempotencyKey the call's idempotency key, if any
     * @return the created (or, on a repeat, the earlier) ticket
     */
    Ticket create(
            String title,
            String description,
            TicketPriority priority,
            String reporter,
            Optional<String> idempotencyKey);

    /** The ticket with this id, if it exists. */
    Optional<Ticket> find(String id);

    /** The regular expression every id of this backend matches ({@code get_ticket}'s argument schema). */
    default String idPattern() {
        return "^TKT-\\d+$";
    }

    /** Tickets in this process's memory, numbered {@code TKT-1}, {@code TKT-2}, ... (embedded mode). */
    static TicketBackend inMemory(Clock clock) {
        return new InMemoryTicketBackend(clock);
    }

    /** As {@link #inMemory(Clock)} with the system UTC clock. */
    static TicketBackend inMemory() {
        return inMemory(Clock.systemUTC());
    }

    /**
     * Tickets in PostgreSQL table {@code tickets} (created by the migrations of
     * {@code com.astradesk.core.store.postgres.PostgresStores}): {@code TKT-<n>} from a sequence, the idempotency
     * key unique per reporter in the database, so every replica sees the same tickets and a replay on any of them
     * returns the first ticket. Needs the PostgreSQL JDBC driver on the class path.
     *
     * @param dataSource a pool on the migrated database
     */
    static TicketBackend postgres(DataSource dataSource) {
        return new PostgresTicketBackend(dataSource);
    }

    /**
     * Tickets as issues of one Jira Cloud project (REST API v3): ids are issue keys such as {@code OPS-42}, the
     * description goes as an Atlassian Document Format paragraph list, priorities map to Jira's {@code Low},
     * {@code Medium} and {@code High}. An idempotency key becomes a label ({@code astradesk-idem-<sha-256 of
     * reporter and key>}) searched with JQL before creating, while holding a lock of {@code locks} (Redis-backed
     * locks make that hold across replicas); the caller's subject is kept in the issue property
     * {@code astradesk}.
     *
     * @param config the site, project and credentials
     * @param locks  guards the search-then-create of one idempotency key
     */
    static TicketBackend jira(JiraConfig config, LockService locks) {
        return new JiraTicketBackend(config, locks);
    }
}
