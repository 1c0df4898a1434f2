package com.astradesk.core.coordination.internal;

import com.astradesk.core.coordination.LockHandle;
import com.astradesk.core.coordination.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Locks held in this process's memory (embedded mode); same semantics as the Redis locks. Thread-safe. */
public final class InMemoryLockService implements LockService {
    private record Held(String token, Instant expiresAt) {}

    private final Map<String, Held> locks = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryLockService(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<LockHandle> tryAcquire(String resource, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Held mine = new Held(token, now.plus(ttl));
        Held result = locks.compute(
                resource,
                (k, current) -> current == null || !current.expiresAt().isAfter(now) ? mine : current);
        if (result != mine) {
            return Optional.empty();
        }
        return Optional.of(new LockHandle() {
            @Override
            public String resource() {
                return resource;
            }

            @Override
            public void close() {
                locks.computeIfPresent(resource, (k, current) -> current.token().equals(token) ? null : current);
            }
        });
    }
}
