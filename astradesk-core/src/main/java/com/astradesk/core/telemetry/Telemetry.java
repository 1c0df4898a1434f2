package com.astradesk.core.telemetry;

import com.astradesk.core.telemetry.internal.GlobalTelemetry;
import com.astradesk.core.telemetry.internal.NoopTelemetry;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Observer SPI for the SDK's choke points: the agent ({@code agent.run}, {@code plan}, {@code rag.query}), the tool
 * registry's invoker ({@code tool.call}) and the model gateway's template ({@code gen_ai.chat}). An implementation
 * turns observations into spans and metrics (the server uses OpenTelemetry and Micrometer); the SDK itself never
 * sees a vendor type. Names and attribute keys are in {@link TelemetryNames}.
 *
 * <p>Components take a {@code Telemetry} through their builders and default to {@link #global()}, which forwards
 * to whatever {@link #installGlobal(Telemetry)} installed (no-op until then). Implementations must be thread-safe
 * and must not throw.
 */
public interface Telemetry {

    /**
     * Starts an observation and makes it the current one on this thread until it is closed. Close it on the
     * same thread, in try-with-resources.
     *
     * @param name       one of {@link TelemetryNames}' span names, e.g. {@code tool.call}
     * @param attributes initial attributes (string, long, double or boolean values; others are stringified)
     */
    Observation start(String name, Map<String, ?> attributes);

    /**
     * Headers to add to an outgoing HTTP request so the callee continues the current trace (W3C {@code traceparent},
     * {@code tracestate}). Empty when tracing is off or nothing is being traced.
     */
    default Map<String, String> propagationHeaders() {
        return Map.of();
    }

    /** The id of the current trace, when one is active on this thread. */
    default Optional<String> currentTraceId() {
        return Optional.empty();
    }

    /** Wraps a task so that, run on another thread, it continues the current observation. */
    default <T> Callable<T> wrap(Callable<T> task) {
        return task;
    }

    /** A model provider's circuit breaker changed state (also reported once, closed, when a gateway is built). */
    default void circuitState(String provider, CircuitState state) {}

    /** Telemetry that records nothing. */
    static Telemetry noop() {
        return NoopTelemetry.INSTANCE;
    }

    /**
     * The process-wide telemetry: forwards every call to the instance last passed to {@link
     * #installGlobal(Telemetry)}, read at call time (no-op before). Components built before installation report
     * once it happens.
     */
    static Telemetry global() {
        return GlobalTelemetry.INSTANCE;
    }

    /**
     * Installs the process-wide telemetry {@link #global()} forwards to.
     *
     * @return the previously installed instance (the no-op one if none)
     */
    static Telemetry installGlobal(Telemetry telemetry) {
        return GlobalTelemetry.install(Objects.requireNonNull(telemetry, "telemetry"));
    }

    /**
     * Uninstalls {@code telemetry} if it is still the installed one (so a closing server does not remove a
     * newer one).
     *
     * @return whether it was uninstalled
     */
    static boolean uninstallGlobal(Telemetry telemetry) {
        return GlobalTelemetry.uninstall(Objects.requireNonNull(telemetry, "telemetry"));
    }
}
