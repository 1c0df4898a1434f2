package com.astradesk.core.coordination;

import com.astradesk.core.coordination.internal.InMemoryWorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Per-agent work lists ({@code work:{agent}:{id}} in Redis) that expire. Thread-safe.
 */
public interface WorkQueue {
    /** Appends an item to a list and (re)sets the list's time to live. */
    void push(String agent, String id, String item, Duration ttl);

    /** Removes and returns the oldest item. */
    Optional<String> pop(String agent, String id);

    /** Every item, oldest first, without removing them. */
    List<String> items(String agent, String id);

    /** Work lists in this process's memory (embedded mode). */
    static WorkQueue inMemory() {
        return new InMemoryWorkQueue(Clock.systemUTC());
    }

    /** Work lists in memory with a given clock (tests). */
    static WorkQueue inMemory(Clock clock) {
        return new InMemoryWorkQueue(clock);
    }
}
