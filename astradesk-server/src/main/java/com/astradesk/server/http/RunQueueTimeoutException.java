package com.astradesk.server.http;

import java.time.Duration;

/**
 * A run waited for an execution slot ({@link RunAdmission}) longer than the queue timeout; mapped to 503 {@code
 * server_busy} with {@code Retry-After}. Nothing was run or journaled.
 */
public final class RunQueueTimeoutException extends ServiceUnavailableException {
    private static final long serialVersionUID = 1L;
    /** The {@code Retry-After} seconds sent with the 503. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final Duration queueTimeout;

    RunQueueTimeoutException(Duration queueTimeout, Duration waited) {
        super(
                "the server is busy: no run slot came free within " + queueTimeout.toMillis() + " ms (waited "
                        + waited.toMillis() + " ms); nothing was run, retry after " + RETRY_AFTER_SECONDS + " s",
                null);
        this.queueTimeout = queueTimeout;
    }

    /** The configured queue timeout ({@code RUN_QUEUE_TIMEOUT}). */
    public Duration queueTimeout() {
        return queueTimeout;
    }
}
