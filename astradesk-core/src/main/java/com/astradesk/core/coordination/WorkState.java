package com.astradesk.core.coordination;

import java.util.Locale;

/** Where a {@link WorkItem} stands. */
public enum WorkState {
    /** Waiting for a worker. */
    QUEUED,
    /** Leased to a worker. */
    RUNNING,
    /** Finished with a result. */
    DONE,
    /** Finished without success (the result says why, or it ran out of attempts). */
    FAILED;

    /** The wire name: {@code queued}, {@code running}, {@code done} or {@code failed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state with this wire name. */
    public static WorkState fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
