package com.astradesk.server.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a comment line on every open event stream at a fixed interval, so proxies and clients see a live
 * connection while a step waits on a slow tool. One daemon thread for the whole server. Thread-safe.
 */
final class StreamHeartbeats implements AutoCloseable {
    /** Default interval between heartbeat comments. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

    private final Duration interval;
    private final ScheduledExecutorService scheduler;

    StreamHeartbeats(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, was " + interval);
        }
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "astradesk-sse-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code beat} every interval until the returned future is cancelled. */
    ScheduledFuture<?> every(Runnable beat) {
        long millis = interval.toMillis();
        return scheduler.scheduleAtFixedRate(beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
