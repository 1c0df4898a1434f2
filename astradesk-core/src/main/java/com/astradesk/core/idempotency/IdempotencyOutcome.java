package com.astradesk.core.idempotency;

import java.util.Objects;

/**
 * What {@link IdempotencyStore#begin} found for a key. One of:
 * {@link Started} (the caller owns the key and must run, then {@code complete} or {@code abandon}),
 * {@link Replay} (a completed response to send again, nothing runs),
 * {@link Mismatch} (the key was used with another request body: 422),
 * {@link InProgress} (another request with this key is still running: wait, or 409).
 */
public sealed interface IdempotencyOutcome {

    /** The caller owns the key now. */
    record Started() implements IdempotencyOutcome {}

    /** The request already completed; replay {@code response}. */
    record Replay(StoredResponse response) implements IdempotencyOutcome {
        public Replay {
            Objects.requireNonNull(response, "response");
        }
    }

    /** The key was first used with a different request. */
    record Mismatch() implements IdempotencyOutcome {}

    /** A request with this key and body is running right now. */
    record InProgress() implements IdempotencyOutcome {}
}
