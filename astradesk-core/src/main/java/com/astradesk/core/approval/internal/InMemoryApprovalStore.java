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
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

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
        return replaceIf(
                next.id(),
                current -> current.state() == ApprovalState.PENDING && !decidedTooLate(current, next),
                current -> next);
    }

    /** A decision (not an expiry) taken at or after the expiry is refused, as the database store refuses it. */
    private static boolean decidedTooLate(Approval current, Approval next) {
        return next.state() != ApprovalState.EXPIRED
                && next.decidedAt().map(at -> !at.isBefore(current.expiresAt())).orElse(false);
    }

    @Override
    public boolean markExecuted(String id, Instant at) {
        Objects.requireNonNull(at, "at");
        return replaceIf(
                id,
                current -> current.state() == ApprovalState.APPROVED
                        && current.executedAt().isEmpty(),
                current -> current.executed(at));
    }

    @Override
    public boolean recordResult(String id, ExecutedStep result) {
        Objects.requireNonNull(result, "result");
        return replaceIf(
                id,
                current -> current.state() == ApprovalState.APPROVED
                        && current.executedAt().isPresent()
                        && current.result().isEmpty(),
                current -> current.ran(result));
    }

    /** Replaces the approval with {@code change} of it, in the map's per-key compute, only if {@code may} holds. */
    private boolean replaceIf(String id, Predicate<Approval> may, UnaryOperator<Approval> change) {
        boolean[] replaced = new boolean[1];
        approvals.computeIfPresent(Objects.requireNonNull(id, "id"), (key, current) -> {
            if (!may.test(current)) {
                return current;
            }
            replaced[0] = true;
            return change.apply(current);
        });
        return replaced[0];
    }

    @Override
    public List<Approval> pending() {
        return approvals.values().stream()
                .filter(a -> a.state() == ApprovalState.PENDING)
                .sorted(Comparator.comparing(Approval::createdAt).thenComparing(Approval::id))
                .toList();
    }
}
