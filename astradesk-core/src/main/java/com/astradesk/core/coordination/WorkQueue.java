package com.astradesk.core.coordination;

import com.astradesk.core.coordination.internal.InMemoryWorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Work items shared by every worker that uses the same queue: an item {@code work:{agent}:{id}} lives for a time to
 * live; a worker {@linkplain #take takes} it under a lease, renews the lease while it works and {@linkplain #finish
 * finishes} it with a result that stays readable. Taking is at most once per lease: an item is handed to a second
 * worker only after the first worker's lease expired (it died or stalled), up to a number of attempts. Thread-safe.
 */
public interface WorkQueue {

    /**
     * Queues an item; it and, later, its result live for {@code ttl}.
     *
     * @return {@code false} when an item with this id exists already (nothing changes)
     * @throws IllegalArgumentException when {@code ttl} is not positive
     */
    boolean submit(String agent, String id, String payload, Duration ttl);

    /**
     * Takes the oldest queued item, or a running item whose lease expired, and leases it to the caller for
     * {@code lease}. A re-delivered item whose attempts reached {@code maxAttempts} is finished as {@link
     * WorkState#FAILED} (result empty) instead of being handed out again.
     */
    Optional<WorkLease> take(Duration lease, int maxAttempts);

    /**
     * Extends a lease the caller still holds to {@code duration} from now.
     *
     * @return {@code false} when the lease was lost (expired and taken by another worker, or finished)
     */
    boolean renew(WorkLease lease, Duration duration);

    /**
     * Finishes a leased item as {@link WorkState#DONE} or {@link WorkState#FAILED} with {@code result}, readable for
     * {@code keep}.
     *
     * @return {@code false} when the lease was lost; the item is left to its current holder
     * @throws IllegalArgumentException when {@code state} is not {@code DONE} or {@code FAILED}
     */
    boolean finish(WorkLease lease, WorkState state, String result, Duration keep);

    /** The item with this id, while it lives. */
    Optional<WorkItem> find(String id);

    /** Work items in this process's memory (embedded mode). */
    static WorkQueue inMemory() {
        return new InMemoryWorkQueue(Clock.systemUTC());
    }

    /** Work items in memory with a given clock (tests). */
    static WorkQueue inMemory(Clock clock) {
        return new InMemoryWorkQueue(clock);
    }
}
