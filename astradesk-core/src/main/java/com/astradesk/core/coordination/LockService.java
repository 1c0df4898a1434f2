package com.astradesk.core.coordination;

import com.astradesk.core.coordination.internal.InMemoryLockService;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Mutual exclusion on named resources (e.g. one restart of a service at a time). In Redis: key
 * {@code lock:{resource}}, SET NX PX, released only by the owner's token. Thread-safe.
 */
public interface LockService {
    /**
     * Tries to take the lock without waiting.
     *
     * @param resource what to lock, e.g. {@code restart:payments-api}
     * @param ttl      how long the lock lives if never released
     * @return the handle, or empty when someone else holds it
     */
    Optional<LockHandle> tryAcquire(String resource, Duration ttl);

    /** Locks in this process's memory (embedded mode). */
    static LockService inMemory() {
        return new InMemoryLockService(Clock.systemUTC());
    }

    /** Locks in memory with a given clock (tests). */
    static LockService inMemory(Clock clock) {
        return new InMemoryLockService(clock);
    }
}
