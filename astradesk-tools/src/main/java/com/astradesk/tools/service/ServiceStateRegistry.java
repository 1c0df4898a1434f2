package com.astradesk.tools.service;

import com.astradesk.core.catalog.ServiceCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's own record of the catalog services: since when each is tracked and which restarts were
 * recorded (by the simulated restart executor in embedded mode). The in-process metrics backend reads it,
 * so metrics reflect what this process did, and nothing else. Thread-safe.
 */
public final class ServiceStateRegistry {
    /** How many recent restarts are kept per service for window queries. */
    public static final int MAX_RECENT_RESTARTS = 1_000;

    private final Clock clock;
    private final Instant trackedSince;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private ServiceStateRegistry(ServiceCatalog catalog, Clock clock) {
        this.clock = clock;
        this.trackedSince = clock.instant();
        for (String name : catalog.names()) {
            entries.put(name, new Entry());
        }
    }

    /**
     * A registry tracking every service of the catalog from now on.
     *
     * @throws NullPointerException when an argument is null
     */
    public static ServiceStateRegistry create(ServiceCatalog catalog, Clock clock) {
        return new ServiceStateRegistry(
                Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(clock, "clock"));
    }

    /** The clock this registry timestamps with. */
    public Clock clock() {
        return clock;
    }

    /** Whether the service is tracked (a canonical catalog name). */
    public boolean tracks(String service) {
        return entries.containsKey(service);
    }

    /**
     * Records a restart of the service at the clock's current instant.
     *
     * @return the service's state after the restart
     * @throws IllegalArgumentException when the service is not in the catalog
     */
    public ServiceState recordRestart(String service) {
        Entry entry = entry(service);
        synchronized (entry) {
            Instant now = clock.instant();
            entry.count++;
            entry.recent.addLast(now);
            if (entry.recent.size() > MAX_RECENT_RESTARTS) {
                entry.recent.removeFirst();
            }
            return snapshot(service, entry);
        }
    }

    /** The current state of a service, or empty when it is not in the catalog. */
    public Optional<ServiceState> state(String service) {
        Entry entry = entries.get(service);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            return Optional.of(snapshot(service, entry));
        }
    }

    private Entry entry(String service) {
        Entry entry = entries.get(Objects.requireNonNull(service, "service"));
        if (entry == null) {
            throw new IllegalArgumentException("unknown service '" + service + "'");
        }
        return entry;
    }

    private ServiceState snapshot(String service, Entry entry) {
        return new ServiceState(
                service,
                trackedSince,
                Optional.ofNullable(entry.recent.peekLast()),
                entry.count,
                List.copyOf(entry.recent));
    }

    private static final class Entry {
        private long count;
        private final Deque<Instant> recent = new ArrayDeque<>();
    }
}
