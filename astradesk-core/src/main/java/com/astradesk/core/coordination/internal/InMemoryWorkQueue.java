package com.astradesk.core.coordination.internal;

import com.astradesk.core.coordination.WorkItem;
import com.astradesk.core.coordination.WorkLease;
import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.coordination.WorkState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Work items held in memory with expiry and leases (embedded mode); same semantics as the Redis queue. Thread-safe. */
public final class InMemoryWorkQueue implements WorkQueue {
    private static final class Entry {
        final String agent;
        final String id;
        final String payload;
        WorkState state = WorkState.QUEUED;
        String result;
        int attempts;
        String token;
        Instant leaseUntil;
        Instant expiresAt;

        Entry(String agent, String id, String payload, Instant expiresAt) {
            this.agent = agent;
            this.id = id;
            this.payload = payload;
            this.expiresAt = expiresAt;
        }
    }

    private final Map<String, Entry> items = new HashMap<>();
    private final Deque<String> ready = new ArrayDeque<>();
    private final Clock clock;

    public InMemoryWorkQueue(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean submit(String agent, String id, String payload, Duration ttl) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(payload, "payload");
        positive(ttl, "ttl");
        if (live(id).isPresent()) {
            return false;
        }
        items.put(id, new Entry(agent, id, payload, clock.instant().plus(ttl)));
        ready.addLast(id);
        return true;
    }

    @Override
    public synchronized Optional<WorkLease> take(Duration lease, int maxAttempts) {
        positive(lease, "lease");
        Instant now = clock.instant();
        for (Entry e : items.values().stream().toList()) {
            if (live(e.id).isPresent() && e.state == WorkState.RUNNING && !e.leaseUntil.isAfter(now)) {
                if (e.attempts >= maxAttempts) {
                    e.state = WorkState.FAILED;
                    e.token = null;
                    continue;
                }
                return Optional.of(lease(e, lease));
            }
        }
        while (!ready.isEmpty()) {
            Optional<Entry> e = live(ready.pollFirst());
            if (e.isPresent() && e.get().state == WorkState.QUEUED) {
                return Optional.of(lease(e.get(), lease));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized boolean renew(WorkLease lease, Duration duration) {
        positive(duration, "duration");
        Optional<Entry> e = held(lease);
        e.ifPresent(entry -> entry.leaseUntil = clock.instant().plus(duration));
        return e.isPresent();
    }

    @Override
    public synchronized boolean finish(WorkLease lease, WorkState state, String result, Duration keep) {
        if (state != WorkState.DONE && state != WorkState.FAILED) {
            throw new IllegalArgumentException("state must be DONE or FAILED, was " + state);
        }
        Objects.requireNonNull(result, "result");
        positive(keep, "keep");
        Optional<Entry> e = held(lease);
        e.ifPresent(entry -> {
            entry.state = state;
            entry.result = result;
            entry.token = null;
            entry.expiresAt = clock.instant().plus(keep);
        });
        return e.isPresent();
    }

    @Override
    public synchronized Optional<WorkItem> find(String id) {
        return live(id).map(e ->
                new WorkItem(e.agent, e.id, e.state, e.payload, Optional.ofNullable(e.result), e.attempts));
    }

    private WorkLease lease(Entry e, Duration lease) {
        e.state = WorkState.RUNNING;
        e.attempts++;
        e.token = UUID.randomUUID().toString();
        e.leaseUntil = clock.instant().plus(lease);
        return new WorkLease(e.agent, e.id, e.payload, e.token, e.attempts);
    }

    private Optional<Entry> held(WorkLease lease) {
        Objects.requireNonNull(lease, "lease");
        return live(lease.id())
                .filter(e -> e.state == WorkState.RUNNING && lease.token().equals(e.token));
    }

    private Optional<Entry> live(String id) {
        Objects.requireNonNull(id, "id");
        Entry e = items.get(id);
        if (e != null && !e.expiresAt.isAfter(clock.instant())) {
            items.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(e);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
