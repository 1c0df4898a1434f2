package com.astradesk.core.audit;

import java.util.Collection;
import java.util.List;

/**
 * Pending outbox rows held by one relay while it publishes them ({@link AuditOutbox#claim}): other relays skip
 * them until the claim is {@linkplain #complete completed} or {@linkplain #close() closed}. A relay can hold
 * several claims at once, so the next batch is read and published while the previous one waits for its
 * acknowledgements. Not thread-safe: one thread at a time (it may be another thread than the one that claimed).
 */
public interface OutboxClaim extends AutoCloseable {

    /** The claimed events, oldest first; empty when nothing was pending. */
    List<OutboxMessage> messages();

    /**
     * Marks sent exactly the claimed events whose ids are in {@code acknowledged}, counts an attempt on the other
     * claimed events (they stay pending) and releases the claim. Ids that were not claimed are ignored.
     *
     * @return how many events were marked sent
     * @throws IllegalStateException when the claim was already completed or closed
     * @throws com.astradesk.core.AstraDeskException when the outbox store fails (nothing is marked, every
     *     event stays pending)
     */
    int complete(Collection<Long> acknowledged);

    /** Releases the claim without marking anything (every event stays pending). Idempotent; no-op after complete. */
    @Override
    void close();
}
