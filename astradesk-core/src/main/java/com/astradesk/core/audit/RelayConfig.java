package com.astradesk.core.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link AuditOutboxRelay}. Immutable and thread-safe.
 *
 * @param batchSize    rows fetched, published and marked per round trip
 * @param pollInterval pause when the outbox is (nearly) empty
 * @param ackTimeout   how long one batch waits for its acknowledgements
 * @param minBackoff   first pause after a batch of which nothing was acknowledged (bus or store down)
 * @param maxBackoff   longest such pause; the pause doubles from {@code minBackoff} up to it
 * @param inFlightBatches batches published and not yet marked at once (1..3): the next batch is read and
 *                     published while earlier ones wait for their acknowledgements; each holds one outbox claim
 *                     (a pooled connection with {@code PostgresAuditOutbox})
 */
public record RelayConfig(
        int batchSize,
        Duration pollInterval,
        Duration ackTimeout,
        Duration minBackoff,
        Duration maxBackoff,
        int inFlightBatches) {

    /** Batches of 2000, 2 in flight, 200 ms poll, 5 s ack timeout, back-off 100 ms doubling to 10 s. */
    public static RelayConfig defaults() {
        return new RelayConfig(
                2000, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(10), 2);
    }

    /** Settings with one batch in flight (the relay before pipelining). */
    public RelayConfig(
            int batchSize, Duration pollInterval, Duration ackTimeout, Duration minBackoff, Duration maxBackoff) {
        this(batchSize, pollInterval, ackTimeout, minBackoff, maxBackoff, 1);
    }

    public RelayConfig {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
        positive(pollInterval, "pollInterval");
        positive(ackTimeout, "ackTimeout");
        positive(minBackoff, "minBackoff");
        positive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be shorter than minBackoff");
        }
        if (inFlightBatches < 1 || inFlightBatches > 3) {
            throw new IllegalArgumentException("inFlightBatches must be between 1 and 3, was " + inFlightBatches);
        }
    }

    /** A copy with another batch size. */
    public RelayConfig withBatchSize(int size) {
        return new RelayConfig(size, pollInterval, ackTimeout, minBackoff, maxBackoff, inFlightBatches);
    }

    /** A copy with other back-off bounds. */
    public RelayConfig withBackoff(Duration min, Duration max) {
        return new RelayConfig(batchSize, pollInterval, ackTimeout, min, max, inFlightBatches);
    }

    /** A copy with another poll interval. */
    public RelayConfig withPollInterval(Duration interval) {
        return new RelayConfig(batchSize, interval, ackTimeout, minBackoff, maxBackoff, inFlightBatches);
    }

    /** A copy with another acknowledgement timeout. */
    public RelayConfig withAckTimeout(Duration timeout) {
        return new RelayConfig(batchSize, pollInterval, timeout, minBackoff, maxBackoff, inFlightBatches);
    }

    /** A copy with another number of batches in flight. */
    public RelayConfig withInFlightBatches(int batches) {
        return new RelayConfig(batchSize, pollInterval, ackTimeout, minBackoff, maxBackoff, batches);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
