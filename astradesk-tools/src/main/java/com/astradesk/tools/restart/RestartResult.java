package com.astradesk.tools.restart;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link RestartExecutor} did. Immutable.
 *
 * @param service   the service
 * @param executor  what acted, e.g. {@code simulated}, {@code kubernetes}
 * @param simulated true when nothing was actually restarted (no orchestrator configured)
 * @param status    whether the restart finished or was only triggered (e.g. a rollout still rolling)
 * @param at        when the restart was done or triggered
 * @param details   what the orchestrator reported, as plain JSON-like values with snake_case keys (e.g.
 *                  {@code deployment}, {@code namespace}, {@code ready_replicas}, {@code desired_replicas})
 */
public record RestartResult(
        String service, String executor, boolean simulated, Status status, Instant at, Map<String, Object> details) {

    /** How far the restart got when the executor returned. */
    public enum Status {
        /** The service is back (or, when simulated, the restart was recorded). */
        COMPLETED,
        /** The orchestrator accepted the restart and is carrying it out (e.g. a rollout restart). */
        TRIGGERED
    }

    public RestartResult {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A result without details. */
    public RestartResult(String service, String executor, boolean simulated, Status status, Instant at) {
        this(service, executor, simulated, status, at, Map.of());
    }
}
