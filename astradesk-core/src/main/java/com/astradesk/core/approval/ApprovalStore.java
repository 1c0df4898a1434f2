package com.astradesk.core.approval;

import com.astradesk.core.approval.internal.InMemoryApprovalStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps approvals. {@link #transition} is a compare-and-set on the pending state, so of two concurrent
 * decisions exactly one wins. Implementations are thread-safe.
 */
public interface ApprovalStore {

    /**
     * Stores a new approval.
     *
     * @throws IllegalArgumentException when an approval with that id exists
     */
    void insert(Approval approval);

    /** The approval with this id. */
    Optional<Approval> find(String id);

    /**
     * Replaces the stored approval with {@code next} only if the stored one is still {@link ApprovalState#PENDING}
     * and, unless {@code next} is {@link ApprovalState#EXPIRED}, has not expired (by the store's clock: the
     * database's for a shared store, {@code next.decidedAt()} in memory).
     *
     * @return whether it was replaced
     */
    boolean transition(Approval next);

    /**
     * Records that the approved step was let through the registry's chain, only if the stored approval is
     * {@link ApprovalState#APPROVED} and not executed yet: of two concurrent executions exactly one wins.
     *
     * @return whether it was recorded
     */
    boolean markExecuted(String id, Instant at);

    /**
     * Keeps what the approved step did when it ran, only if the stored approval is {@link ApprovalState#APPROVED},
     * executed ({@link #markExecuted}) and has no result yet: the first result recorded stays.
     *
     * @return whether it was recorded
     */
    boolean recordResult(String id, ExecutedStep result);

    /** Every pending approval, oldest first. */
    List<Approval> pending();

    /** Approvals in this process's memory (embedded mode); {@code PostgresStores#approvals()} shares them. */
    static ApprovalStore inMemory() {
        return new InMemoryApprovalStore();
    }
}
