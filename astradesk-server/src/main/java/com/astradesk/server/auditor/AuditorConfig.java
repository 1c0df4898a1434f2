package com.astradesk.server.auditor;

import com.astradesk.core.store.nats.NatsAuditConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Auditor consumes the audit stream. Immutable and thread-safe.
 *
 * @param nats        the stream and subjects
 * @param durable     the durable pull consumer's name ({@code astradesk-auditor}); replicas sharing it share
 *                    the work
 * @param batchSize   messages fetched per round
 * @param fetchWait   how long one fetch waits for messages
 * @param ackWait     how long the server waits for an ack before re-delivering (a crashed Auditor's batch
 *                    comes back after this)
 * @param nakMinDelay re-delivery delay after the first sink failure; doubles per delivery
 * @param nakMaxDelay longest re-delivery delay
 * @param workers     worker threads, each with its own pull subscription on the durable (like replicas): one
 *                    fetches and acks while another waits for the sinks
 */
public record AuditorConfig(
        NatsAuditConfig nats,
        String durable,
        int batchSize,
        Duration fetchWait,
        Duration ackWait,
        Duration nakMinDelay,
        Duration nakMaxDelay,
        int workers) {

    /** The default durable consumer name. */
    public static final String DEFAULT_DURABLE = "astradesk-auditor";

    /**
     * Defaults: durable {@code astradesk-auditor}, batches of 1000, 1 s fetch, 30 s ack wait, 1 s..5 min NAK, 2
     * workers.
     */
    public static AuditorConfig defaults(NatsAuditConfig nats) {
        return new AuditorConfig(
                nats,
                DEFAULT_DURABLE,
                1000,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                2);
    }

    public AuditorConfig {
        Objects.requireNonNull(nats, "nats");
        if (durable == null || !durable.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("durable consumer name must be letters, digits, '-' or '_'");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10000, was " + batchSize);
        }
        for (Duration d : new Duration[] {fetchWait, ackWait, nakMinDelay, nakMaxDelay}) {
            Objects.requireNonNull(d, "durations must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Auditor durations must be positive, was " + d);
            }
        }
        if (workers < 1 || workers > 16) {
            throw new IllegalArgumentException("workers must be between 1 and 16, was " + workers);
        }
    }

    /** A copy with other timings (tests: short ack wait and NAK delays). */
    public AuditorConfig withTimings(Duration fetch, Duration ack, Duration nakMin, Duration nakMax) {
        return new AuditorConfig(nats, durable, batchSize, fetch, ack, nakMin, nakMax, workers);
    }

    /** A copy with another batch size. */
    public AuditorConfig withBatchSize(int size) {
        return new AuditorConfig(nats, durable, size, fetchWait, ackWait, nakMinDelay, nakMaxDelay, workers);
    }

    /** A copy with another number of worker threads. */
    public AuditorConfig withWorkers(int threads) {
        return new AuditorConfig(nats, durable, batchSize, fetchWait, ackWait, nakMinDelay, nakMaxDelay, threads);
    }

    /** The re-delivery delay for a message delivered {@code deliveries} times. */
    public Duration nakDelay(long deliveries) {
        long shift = Math.min(20, Math.max(0, deliveries - 1));
        Duration d = nakMinDelay.multipliedBy(1L << shift);
        return d.compareTo(nakMaxDelay) > 0 ? nakMaxDelay : d;
    }
}
