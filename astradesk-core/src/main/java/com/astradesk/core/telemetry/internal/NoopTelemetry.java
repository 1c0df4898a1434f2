package com.astradesk.core.telemetry.internal;

import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.Telemetry;
import java.util.Map;
import java.util.Optional;

/** Records nothing. Stateless and thread-safe. */
public final class NoopTelemetry implements Telemetry {
    /** The instance. */
    public static final NoopTelemetry INSTANCE = new NoopTelemetry();

    private static final Observation NOOP = new Observation() {
        @Override
        public Observation attribute(String key, String value) {
            return this;
        }

        @Override
        public Observation attribute(String key, long value) {
            return this;
        }

        @Override
        public Observation outcome(String outcome) {
            return this;
        }

        @Override
        public Observation error(Throwable error) {
            return this;
        }

        @Override
        public Optional<String> traceId() {
            return Optional.empty();
        }

        @Override
        public void close() {}
    };

    private NoopTelemetry() {}

    @Override
    public Observation start(String name, Map<String, ?> attributes) {
        return NOOP;
    }
}
