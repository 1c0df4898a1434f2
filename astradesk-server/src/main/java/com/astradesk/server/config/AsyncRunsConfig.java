package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.time.Duration;
import java.util.Objects;

/**
 * Asynchronous runs ({@code POST /v1/agents/run} with {@code Prefer: respond-async}): queued as work items (in
 * Redis with {@code REDIS_URL}, else in memory) and run by this replica's workers. Immutable.
 *
 * @param workers     {@code ASYNC_RUN_WORKERS} (default 2, 0..64): runs this replica works on at once; 0 takes none
 * @param lease       {@code ASYNC_RUN_LEASE} (default 60s, at least 5s): a worker's hold on a run, renewed every
 *                    third of it while the run goes on; a run whose worker died is re-delivered after it expires
 * @param ttl         {@code ASYNC_RUN_TTL} (default 24h): how long a queued run and, later, its result are kept
 * @param maxAttempts {@code ASYNC_RUN_MAX_ATTEMPTS} (default 3, 1..10): takes of one run before it is failed
 * @param queue       {@code ASYNC_RUN_QUEUE} (default {@code work}): the key namespace ({@code work:{agent}:{run_id}});
 *                    deployments sharing one Redis need different ones
 */
public record AsyncRunsConfig(int workers, Duration lease, Duration ttl, int maxAttempts, String queue) {
    /** Shortest accepted lease. */
    public static final Duration MIN_LEASE = Duration.ofSeconds(5);

    public AsyncRunsConfig {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(queue, "queue");
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0, was " + workers);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (ttl.compareTo(lease) <= 0) {
            throw new IllegalArgumentException("ttl must be longer than the lease");
        }
    }

    /** The defaults. */
    public static AsyncRunsConfig defaults() {
        return new AsyncRunsConfig(2, Duration.ofSeconds(60), Duration.ofHours(24), 3, "work");
    }

    static AsyncRunsConfig from(EnvReader env) {
        int workers = env.integer("ASYNC_RUN_WORKERS", 2, 0, 64);
        Duration lease = env.duration("ASYNC_RUN_LEASE", Duration.ofSeconds(60));
        if (lease.compareTo(MIN_LEASE) < 0) {
            throw new ConfigException("ASYNC_RUN_LEASE", "ASYNC_RUN_LEASE must be at least 5s; was " + lease);
        }
        Duration ttl = env.duration("ASYNC_RUN_TTL", Duration.ofHours(24));
        if (ttl.compareTo(lease) <= 0) {
            throw new ConfigException(
                    "ASYNC_RUN_TTL", "ASYNC_RUN_TTL must be longer than ASYNC_RUN_LEASE (" + lease + "); was " + ttl);
        }
        int maxAttempts = env.integer("ASYNC_RUN_MAX_ATTEMPTS", 3, 1, 10);
        String queue = env.string("ASYNC_RUN_QUEUE", "work");
        if (!queue.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("ASYNC_RUN_QUEUE", "ASYNC_RUN_QUEUE must be 1..64 characters of [A-Za-z0-9._-]");
        }
        return new AsyncRunsConfig(workers, lease, ttl, maxAttempts, queue);
    }
}
