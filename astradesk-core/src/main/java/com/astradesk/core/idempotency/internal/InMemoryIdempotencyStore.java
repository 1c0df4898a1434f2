package com.astradesk.core.idempotency.internal;

import com.astradesk.core.idempotency.IdempotencyOutcome;
import com.astradesk.core.idempotency.IdempotencyStore;
import com.astradesk.core.idempotency.StoredResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Idempotency records in a map (embedded mode); same semantics as the Redis store. Every transition runs in
 * the map's per-key compute, so {@code begin} is atomic. Expired records are dropped lazily and swept now and
 * then. Thread-safe.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    /** Default in-progress lease: how long a started key stays claimed without a completion. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    private static final int SWEEP_EVERY = 1024;

    private record Entry(String hash, StoredResponse response, Duration ttl, Instant expiresAt) {
        boolean inProgress() {
            return response == null;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final Clock clock;
    private final Duration lease;

    public InMemoryIdempotencyStore(Clock clock, Duration inProgressLease) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Checks.positive(inProgressLease, "inProgressLease");
    }

    @Override
    public IdempotencyOutcome begin(String scopeKey, String requestHash, Duration ttl) {
        Checks.notBlank(scopeKey, "scopeKey");
        Checks.notBlank(requestHash, "requestHash");
        Checks.positive(ttl, "ttl");
        Instant now = clock.instant();
        IdempotencyOutcome[] outcome = new IdempotencyOutcome[1];
        entries.compute(scopeKey, (k, current) -> {
            if (current == null || !current.expiresAt().isAfter(now)) {
                outcome[0] = new IdempotencyOutcome.Started();
                return new Entry(requestHash, null, ttl, now.plus(min(lease, ttl)));
            }
            if (!current.hash().equals(requestHash)) {
                outcome[0] = new IdempotencyOutcome.Mismatch();
            } else if (current.inProgress()) {
                outcome[0] = new IdempotencyOutcome.InProgress();
            } else {
                outcome[0] = new IdempotencyOutcome.Replay(current.response());
            }
            return current;
        });
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            entries.values().removeIf(e -> !e.expiresAt().isAfter(clock.instant()));
        }
        return outcome[0];
    }

    @Override
    public void complete(String scopeKey, StoredResponse response) {
        Checks.notBlank(scopeKey, "scopeKey");
        Objects.requireNonNull(response, "response");
        Instant now = clock.instant();
        entries.computeIfPresent(
                scopeKey,
                (k, current) -> current.inProgress() && current.expiresAt().isAfter(now)
                        ? new Entry(current.hash(), response, current.ttl(), now.plus(current.ttl()))
                        : current);
    }

    @Override
    public void abandon(String scopeKey) {
        Checks.notBlank(scopeKey, "scopeKey");
        entries.computeIfPresent(scopeKey, (k, current) -> current.inProgress() ? null : current);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
