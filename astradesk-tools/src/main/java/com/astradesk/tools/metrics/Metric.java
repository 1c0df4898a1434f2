package com.astradesk.tools.metrics;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One measured value. Immutable.
 *
 * @param name  snake_case name carrying its unit, e.g. {@code p95_latency_seconds}, {@code error_ratio}
 * @param value the value, or empty when the backend has no data for it (no series, NaN)
 */
public record Metric(String name, OptionalDouble value) {
    public Metric {
        Objects.requireNonNull(name, "name");
        value = Objects.requireNonNullElse(value, OptionalDouble.empty());
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            value = OptionalDouble.empty();
        }
    }

    /** A metric with a value. */
    public static Metric of(String name, double value) {
        return new Metric(name, OptionalDouble.of(value));
    }

    /** A metric the backend had no data for. */
    public static Metric noData(String name) {
        return new Metric(name, OptionalDouble.empty());
    }
}
