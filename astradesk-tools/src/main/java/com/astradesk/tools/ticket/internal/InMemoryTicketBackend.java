package com.astradesk.tools.ticket.internal;

import com.astradesk.tools.ticket.Ticket;
import com.astradesk.tools.ticket.TicketBackend;
import com.astradesk.tools.ticket.TicketPriority;
import com.astradesk.tools.ticket.TicketStatus;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tickets held in this process's memory, lost on restart: honest for one process. Idempotency keys are scoped
 * by reporter, so two callers reusing a key never see each other's ticket. Thread-safe.
 */
public final class InMemoryTicketBackend implements TicketBackend {
    private record KeyScope(String reporter, String key) {}

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final Map<KeyScope, Ticket> byKey = new ConcurrentHashMap<>();

    public InMemoryTicketBackend(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Ticket create(
            String title,
            String description,
            TicketPriority priority,
            String reporter,
            Optional<String> idempotencyKey) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(reporter, "reporter");
        if (idempotencyKey.isEmpty()) {
            return open(title, description, priority, reporter);
        }
        return byKey.computeIfAbsent(
                new KeyScope(reporter, idempotencyKey.get()), k -> open(title, description, priority, reporter));
    }

    @Override
    public Optional<Ticket> find(String id) {
        return Optional.ofNullable(tickets.get(id));
    }

    private Ticket open(String title, String description, TicketPriority priority, String reporter) {
        var ticket = new Ticket(
                "TKT-" + sequence.incrementAndGet(),
                title,
                description,
                priority,
                TicketStatus.OPEN,
                reporter,
                clock.instant());
        tickets.put(ticket.id(), ticket);
        return ticket;
    }
}
