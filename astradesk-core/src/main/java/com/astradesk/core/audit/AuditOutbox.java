package com.astradesk.core.audit;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The transactional outbox of audit events: events are written with the run that produced them and relayed to
 * the bus later by {@link AuditOutboxRelay}. An event is marked sent only when the bus acknowledged it, so an
 * outage delays events but never loses them. Thread-safe.
 *
 * <p>A batch is {@linkplain #claim claimed} until it is marked, so that a database implementation can hold it
 * with {@code SELECT ... FOR UPDATE SKIP LOCKED} while it is published and mark it with one statement: several
 * relays can then run side by side without sending an event twice, and one relay can keep several batches in
 * flight. {@link #drain} does claim, publish and mark in one call.
 */
public interface AuditOutbox {

    /**
     * Hands up to {@code limit} pending events, oldest first, to {@code publisher} and marks sent exactly the
     * events whose ids it returns. Events it does not return stay pending.
     *
     * @return how many events were marked sent
     * @throws IllegalArgumentException when {@code limit} is not positive
     * @throws com.astradesk.core.AstraDeskException when the outbox store fails (nothing is marked)
     */
    default int drain(int limit, Function<List<OutboxMessage>, Collection<Long>> publisher) {
        Objects.requireNonNull(publisher, "publisher");
        try (OutboxClaim claim = claim(limit)) {
            if (claim.messages().isEmpty()) {
                return 0;
            }
            return claim.complete(publisher.apply(claim.messages()));
        }
    }

    /**
     * Claims up to {@code limit} pending events, oldest first, that no other open claim holds (a store that keeps
     * several events in one row, as the Postgres outbox does, may return fewer than are pending, and events left
     * unacknowledged by a claim may come after newer ones). The caller must
     * {@linkplain OutboxClaim#complete complete} or {@linkplain OutboxClaim#close() close} the claim; a
     * database implementation holds a connection and a transaction until then.
     *
     * @throws IllegalArgumentException when {@code limit} is not positive
     * @throws com.astradesk.core.AstraDeskException when the outbox store fails
     */
    OutboxClaim claim(int limit);

    /** How many events are waiting to be sent (the relay backlog, for metrics). */
    long pendingCount();

    /** An outbox held in memory (embedded mode, tests). */
    static InMemoryAuditOutbox inMemory() {
        return new InMemoryAuditOutbox();
    }
}
