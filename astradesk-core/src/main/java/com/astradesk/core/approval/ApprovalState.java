package com.astradesk.core.approval;

import java.util.Locale;

/** Where an {@link Approval} stands. Only {@link #PENDING} can change, and only once. */
public enum ApprovalState {
    /** Waiting for an approver. */
    PENDING,
    /** Approved; the step ran (or was attempted). */
    APPROVED,
    /** Rejected; the step never runs. */
    REJECTED,
    /** Nobody decided in time; the step never runs. */
    EXPIRED;

    /** The wire name: {@code pending}, {@code approved}, {@code rejected} or {@code expired}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
