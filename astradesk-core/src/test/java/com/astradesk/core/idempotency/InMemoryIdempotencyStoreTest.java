package com.astradesk.core.idempotency;

import com.astradesk.core.testing.MutableClock;
import java.time.Duration;

class InMemoryIdempotencyStoreTest extends AbstractIdempotencyStoreContractTest {
    private final MutableClock clock = MutableClock.atEpochOf2026();
    private final IdempotencyStore store = IdempotencyStore.inMemory(clock, lease());

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected Duration lease() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected void elapse(Duration d) {
        clock.advance(d);
    }
}
