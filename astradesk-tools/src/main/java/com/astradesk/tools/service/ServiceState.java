package com.astradesk.tools.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What this process knows about one catalog service: when tracking began, its last restart and how many
 * restarts it has recorded. Immutable and thread-safe.
 *
 * @param service        canonical catalog name
 * @param trackedSince   when this process began tracking the service (process start in embedded mode)
 * @param lastRestart    the last recorded restart, if any
 * @param restartCount   restarts recorded since tracking began
 * @param recentRestarts the most recent restarts, oldest first (bounded; see {@link ServiceStateRegistry})
 */
public record ServiceState(
        String service,
        Instant trackedSince,
        Optional<Instant> lastRestart,
        long restartCount,
        List<Instant> recentRestarts) {

    public ServiceState {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(trackedSince, "trackedSince");
        lastRestart = Objects.requireNonNullElse(lastRestart, Optional.empty());
        recentRestarts = List.copyOf(recentRestarts);
    }

    /** Since when the service has been up: its last restart, else the start of tracking. */
    public Instant upSince() {
        return lastRestart.orElse(trackedSince);
    }

    /** Uptime at {@code now}; never negative. */
    public Duration uptime(Instant now) {
        Duration d = Duration.between(upSince(), now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Restarts recorded after {@code since} (exclusive) up to {@code now} (inclusive). */
    public long restartsBetween(Instant since, Instant now) {
        return recentRestarts.stream()
                .filter(t -> t.isAfter(since) && !t.isAfter(now))
                .count();
    }
}
