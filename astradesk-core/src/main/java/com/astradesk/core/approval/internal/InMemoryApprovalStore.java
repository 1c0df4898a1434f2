package com.astradesk.core.approval.internal;

import com.astradesk.core.approval.Approval;
import com.astradesk.core.approval.ApprovalState;
import com.astradesk.core.approval.ApprovalStore;
import com.astradesk.core.approval.ExecutedStep;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Approvals in a map; transitions run in the map's per-key compute, a decision at or after the expiry (by its own
 * timestamp) is refused. Thread-safe.
 */
public final class InMemoryApprovalStore implements ApprovalStore {
    private final ConcurrentHashMap<String, Approval> approvals = new ConcurrentHashMap<>();

    @Override
    public void insert(Approval approval) {
        Objects.requireNonNull(approval, "approval");
        if (approvals.putIfAbsent(approval.id(), approval) != null) {
            throw new IllegalArgumentException("approval " + approval.id() + " already exists");
        }
    }

    @Override
    public Optional<Approval> find(String id) {
        return Optional.ofNullable(approvals.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public boolean transition(Approval next) {
        Objects.requireNonNull(next, "next");
        boolean[] replaced = new boolean[1];
        approvals.computeIfPresent(next.id(), (id, current) -> {
            if (current.state() != ApprovalState.PENDING || decidedTooLate(current, next)) {
                return current;
            }
            replaced[0] = true;
            return next;
        });
        return replaced[0];
    }

    /** A decision (not an expiry) taken at or after the expiry is refused, as the database store refuses it. */
    private static boolean decidedTooLate(Approval current, Approval next) {
        return next.state() != ApprovalState.EXPIRED
                && next.decidedAt().map(at -> !at.isBefore(current.expiresAt())).orElse(false);
    }

    @Override
    public boolean markExecuted(String id, Instant at) {
        Objects.requireNonNull(at, "at");
        boolean[] marked = new boolean[1];
        approvals.computeIfPresent(Objects.requireNonNull(id, "id"), (key, current) -> {
            if (current.state() != ApprovalState.APPROVED
                    || current.executedAt().isPresent()) {
                return current;
            }
            marked[0] = true;
            return current.executed(at);
        });
        return marked[0];
    }

    @Override
    public boolean recordResult(String id, ExecutedStep result) {
        Objects.requireNonNull(result, "result");
        boolean[] recorded = new boolean[1];
        approvals.computeIfPresent(Objects.requireNonNull(id, "id"), (key, current) -> {
            if (current.state() != ApprovalState.APPROVED
                    || current.executedAt().isEmpty()
                    || current.result().isPresent()) {
                return current;
            }
            recorded[0] = true;
            return current.ran(result);
        });
        return recorded[0];
    }

    @Override
    public List<Approval> pending() {
        return approvals.values().stream()
                .filter(a -> a.state() == ApprovalState.PENDING)
                .sorted(Comparator.comparing(Approval::createdAt).thenComparing(Approval::id))
                .toList();
    }
}
