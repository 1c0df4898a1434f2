package com.astradesk.core.telemetry;

import java.util.Optional;

/**
 * One running observation (a span, a timed operation) started by {@link Telemetry#start}. Confined to the thread
 * that started it; close it exactly once, on that thread. Methods never throw.
 */
public interface Observation extends AutoCloseable {

    /** Adds or replaces a string attribute (ignored when {@code value} is null). */
    Observation attribute(String key, String value);

    /** Adds or replaces a numeric attribute. */
    Observation attribute(String key, long value);

    /**
     * Sets the outcome reported when the observation ends, e.g. {@code ok}, {@code denied}, {@code error},
     * {@code degraded}. {@code error} marks the span as failed.
     */
    Observation outcome(String outcome);

    /** Records a failure: the exception type (never its message, which may hold personal data) and outcome error. */
    Observation error(Throwable error);

    /** The trace id of this observation (32 hex digits) when tracing is on. */
    Optional<String> traceId();

    /** Ends the observation. */
    @Override
    void close();
}
