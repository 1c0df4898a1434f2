package com.astradesk.core.telemetry.internal;

import com.astradesk.core.telemetry.CircuitState;
import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.Telemetry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** Forwards to the installed telemetry, read at each call. Thread-safe. */
public final class GlobalTelemetry implements Telemetry {
    /** The instance behind {@link Telemetry#global()}. */
    public static final GlobalTelemetry INSTANCE = new GlobalTelemetry();

    private static final AtomicReference<Telemetry> INSTALLED = new AtomicReference<>(NoopTelemetry.INSTANCE);

    private GlobalTelemetry() {}

    /** Installs {@code telemetry}; returns the previous one. */
    public static Telemetry install(Telemetry telemetry) {
        if (telemetry == INSTANCE) {
            throw new IllegalArgumentException("cannot install the global telemetry into itself");
        }
        return INSTALLED.getAndSet(telemetry);
    }

    /** Uninstalls {@code telemetry} if it is the installed one. */
    public static boolean uninstall(Telemetry telemetry) {
        return INSTALLED.compareAndSet(telemetry, NoopTelemetry.INSTANCE);
    }

    @Override
    public Observation start(String name, Map<String, ?> attributes) {
        return INSTALLED.get().start(name, attributes);
    }

    @Override
    public Map<String, String> propagationHeaders() {
        return INSTALLED.get().propagationHeaders();
    }

    @Override
    public Optional<String> currentTraceId() {
        return INSTALLED.get().currentTraceId();
    }

    @Override
    public <T> Callable<T> wrap(Callable<T> task) {
        return INSTALLED.get().wrap(task);
    }

    @Override
    public void circuitState(String provider, CircuitState state) {
        INSTALLED.get().circuitState(provider, state);
    }
}
