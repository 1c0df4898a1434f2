package com.astradesk.core.idempotency;

import com.astradesk.core.idempotency.internal.InMemoryIdempotencyStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Remembers requests by idempotency key so a repeat is answered from the stored response instead of running
 * again. The scope key should include the principal ({@link IdempotencyKeys#scope}); the request hash covers
 * the body ({@link IdempotencyKeys#requestHash}). Thread-safe; {@link #begin} is atomic: of concurrent callers
 * with one key exactly one gets {@link IdempotencyOutcome.Started}.
 *
 * <p>Protocol: {@code begin} → on {@code Started} run the request, then {@link #complete} with its response (or
 * {@link #abandon} when it failed in a way a retry may fix). A key that is never completed or abandoned (a crash)
 * is released when its in-progress lease ends.
 */
public interface IdempotencyStore {

    /** Default time a completed record is kept. */
    Duration DEFAULT_TTL = Duration.ofHours(24);

    /**
     * Claims {@code scopeKey} for a request with {@code requestHash}, or reports what is already there.
     *
     * @param scopeKey    principal-scoped key
     * @param requestHash hash of the request body
     * @param ttl         how long the completed record is kept (positive)
     * @return started, replay, mismatch or in-progress
     * @throws IllegalArgumentException for blank keys or a non-positive ttl
     */
    IdempotencyOutcome begin(String scopeKey, String requestHash, Duration ttl);

    /**
     * Stores the response of a started request so repeats replay it. Does nothing when the key is not in
     * progress (e.g. its lease ended and the record expired).
     */
    void complete(String scopeKey, StoredResponse response);

    /** Releases a started key without a response, so a retry runs again. Does nothing when not in progress. */
    void abandon(String scopeKey);

    /** Records in this process's memory (embedded mode), system clock, in-progress lease 5 minutes. */
    static IdempotencyStore inMemory() {
        return new InMemoryIdempotencyStore(Clock.systemUTC(), InMemoryIdempotencyStore.DEFAULT_LEASE);
    }

    /** Records in memory with a given clock and in-progress lease (tests). */
    static IdempotencyStore inMemory(Clock clock, Duration inProgressLease) {
        return new InMemoryIdempotencyStore(clock, inProgressLease);
    }
}
