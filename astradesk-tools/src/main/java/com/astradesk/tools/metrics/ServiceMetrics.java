package com.astradesk.tools.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service's metrics over a window, as one backend saw them. Immutable.
 *
 * @param service    canonical catalog name
 * @param window     the window asked for
 * @param source     where the numbers come from: {@code in-process}, {@code prometheus}, ...
 * @param observedAt when they were read
 * @param metrics    the values, in a stable order
 * @param details    extra facts as plain JSON-like values with snake_case keys (timestamps as ISO-8601 strings)
 */
public record ServiceMetrics(
        String service,
        Duration window,
        String source,
        Instant observedAt,
        List<Metric> metrics,
        Map<String, Object> details) {

    public ServiceMetrics {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        metrics = List.copyOf(metrics);
        details = details == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
