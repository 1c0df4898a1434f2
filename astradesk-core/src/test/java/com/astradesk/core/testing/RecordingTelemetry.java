package com.astradesk.core.testing;

import com.astradesk.core.telemetry.CircuitState;
import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.Telemetry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Telemetry} that records every observation with its parent (the observation open on the same thread
 * when it started), attributes and outcome. Trace ids are {@code trace-<n>} per root observation.
 */
public final class RecordingTelemetry implements Telemetry {
    private final List<Recorded> observations = new CopyOnWriteArrayList<>();
    private final List<String> circuitStates = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Deque<Recorded>> open = ThreadLocal.withInitial(ArrayDeque::new);

    /** One observation as recorded. */
    public static final class Recorded implements Observation {
        public final String name;
        public final Recorded parent;
        public final String traceId;
        public final Map<String, Object> attributes = new LinkedHashMap<>();
        public volatile String outcome;
        public volatile Throwable error;
        public volatile boolean closed;
        private final RecordingTelemetry owner;

        Recorded(String name, Recorded parent, String traceId, RecordingTelemetry owner) {
            this.name = name;
            this.parent = parent;
            this.traceId = traceId;
            this.owner = owner;
        }

        @Override
        public Observation attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        @Override
        public Observation attribute(String key, long value) {
            attributes.put(key, value);
            return this;
        }

        @Override
        public Observation outcome(String outcome) {
            this.outcome = outcome;
            return this;
        }

        @Override
        public Observation error(Throwable error) {
            this.error = error;
            this.outcome = "error";
            return this;
        }

        @Override
        public Optional<String> traceId() {
            return Optional.of(traceId);
        }

        @Override
        public void close() {
            closed = true;
            owner.open.get().remove(this);
        }
    }

    @Override
    public Observation start(String name, Map<String, ?> attributes) {
        Recorded parent = open.get().peek();
        String traceId = parent != null ? parent.traceId : "trace-" + (observations.size() + 1);
        Recorded recorded = new Recorded(name, parent, traceId, this);
        recorded.attributes.putAll(attributes);
        observations.add(recorded);
        open.get().push(recorded);
        return recorded;
    }

    @Override
    public void circuitState(String provider, CircuitState state) {
        circuitStates.add(provider + ":" + state);
    }

    /** Every observation, in start order. */
    public List<Recorded> observations() {
        return List.copyOf(observations);
    }

    /** The observations with this name. */
    public List<Recorded> named(String name) {
        return observations.stream().filter(o -> o.name.equals(name)).toList();
    }

    /** Reported circuit states as {@code provider:STATE}. */
    public List<String> circuitStates() {
        return List.copyOf(circuitStates);
    }
}
