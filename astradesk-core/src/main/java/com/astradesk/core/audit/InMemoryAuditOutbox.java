package com.astradesk.core.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An outbox held in memory. {@link #drain} runs under the outbox lock, so concurrent relays never hand out
 * the same row twice. Thread-safe.
 */
public final class InMemoryAuditOutbox implements AuditOutbox {
    private final TreeMap<Long, OutboxMessage> pending = new TreeMap<>();
    private long nextId = 1;

    /** Adds the (already chained) records as pending rows, in order. */
    public synchronized void enqueue(List<AuditRecord> records) {
        for (AuditRecord r : records) {
            long id = nextId++;
            pending.put(id, new OutboxMessage(id, r.eventId(), AuditEvents.toJson(r)));
        }
    }

    @Override
    public synchronized int drain(int limit, Function<List<OutboxMessage>, Collection<Long>> publisher) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        List<OutboxMessage> batch = new ArrayList<>(Math.min(limit, pending.size()));
        for (Map.Entry<Long, OutboxMessage> e : pending.entrySet()) {
            if (batch.size() == limit) {
                break;
            }
            batch.add(e.getValue());
        }
        if (batch.isEmpty()) {
            return 0;
        }
        int marked = 0;
        for (Long id : new HashSet<>(publisher.apply(List.copyOf(batch)))) {
            if (pending.remove(id) != null) {
                marked++;
            }
        }
        return marked;
    }

    @Override
    public synchronized long pendingCount() {
        return pending.size();
    }
}
