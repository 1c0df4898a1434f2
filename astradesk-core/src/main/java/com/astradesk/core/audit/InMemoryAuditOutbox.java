package com.astradesk.core.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An outbox held in memory. Claims are taken and settled under the outbox lock, and a claimed row is skipped
 * by other claims until its claim ends, so concurrent relays never hand out the same row twice. Thread-safe.
 */
public final class InMemoryAuditOutbox implements AuditOutbox {
    private final TreeMap<Long, OutboxMessage> pending = new TreeMap<>();
    private final Set<Long> claimed = new HashSet<>();
    private long nextId = 1;

    /** Adds the (already chained) records as pending rows, in order. */
    public synchronized void enqueue(List<AuditRecord> records) {
        for (AuditRecord r : records) {
            long id = nextId++;
            pending.put(id, new OutboxMessage(id, r.eventId(), AuditEvents.toJson(r)));
        }
    }

    @Override
    public synchronized OutboxClaim claim(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        List<OutboxMessage> batch = new ArrayList<>(Math.min(limit, pending.size()));
        for (Map.Entry<Long, OutboxMessage> e : pending.entrySet()) {
            if (batch.size() == limit) {
                break;
            }
            if (claimed.add(e.getKey())) {
                batch.add(e.getValue());
            }
        }
        return new Claim(List.copyOf(batch));
    }

    @Override
    public synchronized long pendingCount() {
        return pending.size();
    }

    private final class Claim implements OutboxClaim {
        private final List<OutboxMessage> messages;
        private boolean open = true;

        Claim(List<OutboxMessage> messages) {
            this.messages = messages;
        }

        @Override
        public List<OutboxMessage> messages() {
            return messages;
        }

        @Override
        public int complete(Collection<Long> acknowledged) {
            synchronized (InMemoryAuditOutbox.this) {
                if (!open) {
                    throw new IllegalStateException("outbox claim already completed or closed");
                }
                Set<Long> acked = new HashSet<>(acknowledged);
                int marked = 0;
                for (OutboxMessage m : messages) {
                    if (acked.contains(m.id()) && pending.remove(m.id()) != null) {
                        marked++;
                    }
                }
                release();
                return marked;
            }
        }

        @Override
        public void close() {
            synchronized (InMemoryAuditOutbox.this) {
                if (open) {
                    release();
                }
            }
        }

        private void release() {
            open = false;
            messages.forEach(m -> claimed.remove(m.id()));
        }
    }
}
