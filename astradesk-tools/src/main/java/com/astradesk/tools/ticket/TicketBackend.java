package com.astradesk.tools.ticket;

import com.astradesk.tools.ticket.internal.InMemoryTicketBackend;
import java.time.Clock;
import java.util.Optional;

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

    /** Tickets in this process's memory, numbered {@code TKT-1}, {@code TKT-2}, ... (embedded mode). */
    static TicketBackend inMemory(Clock clock) {
        return new InMemoryTicketBackend(clock);
    }

    /** As {@link #inMemory(Clock)} with the system UTC clock. */
    static TicketBackend inMemory() {
        return inMemory(Clock.systemUTC());
    }
}
