package com.astradesk.core.coordination.internal;

import com.astradesk.core.coordination.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Work lists held in memory with expiry (embedded mode); same semantics as the Redis lists. Thread-safe. */
public final class InMemoryWorkQueue implements WorkQueue {
    private static final class Entry {
        final Deque<String> items = new ArrayDeque<>();
        Instant expiresAt;
    }

    private final Map<String, Entry> lists = new HashMap<>();
    private final Clock clock;

    public InMemoryWorkQueue(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void push(String agent, String id, String item, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        Entry e = live(key(agent, id)).orElseGet(() -> {
            Entry fresh = new Entry();
            lists.put(key(agent, id), fresh);
            return fresh;
        });
        e.items.addLast(item);
        e.expiresAt = clock.instant().plus(ttl);
    }

    @Override
    public synchronized Optional<String> pop(String agent, String id) {
        return live(key(agent, id)).map(e -> e.items.pollFirst());
    }

    @Override
    public synchronized List<String> items(String agent, String id) {
        return live(key(agent, id)).map(e -> List.copyOf(e.items)).orElse(List.of());
    }

    private Optional<Entry> live(String key) {
        Entry e = lists.get(key);
        if (e != null && !e.expiresAt.isAfter(clock.instant())) {
            lists.remove(key);
            return Optional.empty();
        }
        return Optional.ofNullable(e);
    }

    private static String key(String agent, String id) {
        return "work:" + agent + ":" + id;
    }
}
