package com.astradesk.tools.metrics.internal;

import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.metrics.Metric;
import com.astradesk.tools.metrics.MetricsBackend;
import com.astradesk.tools.metrics.ServiceMetrics;
import com.astradesk.tools.service.ServiceState;
import com.astradesk.tools.service.ServiceStateRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Metrics from the process's own {@link ServiceStateRegistry}: uptime since tracking began or the last
 * recorded restart, and restarts within the window. Marked {@code source = "in-process"}; no live traffic is
 * measured. Thread-safe.
 */
public final class InProcessMetricsBackend implements MetricsBackend {
    /** The {@code source} of these metrics. */
    public static final String SOURCE = "in-process";

    private final ServiceStateRegistry registry;

    public InProcessMetricsBackend(ServiceStateRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Answers from memory (a short {@code synchronized} copy per service): never blocks. */
    @Override
    public boolean blocks() {
        return false;
    }

    @Override
    public ServiceMetrics fetch(String service, Duration window) {
        ServiceState state = registry.state(service)
                .orElseThrow(() -> new ToolFailureException(
                        BuiltinTools.GET_METRICS, "service '" + service + "' is not tracked by this process"));
        Instant now = registry.clock().instant();
        var details = new LinkedHashMap<String, Object>();
        details.put("up_since", state.upSince().toString());
        details.put("tracked_since", state.trackedSince().toString());
        state.lastRestart().ifPresent(t -> details.put("last_restart_at", t.toString()));
        details.put("note", "uptime and restarts as recorded by this process; no live traffic metrics");
        return new ServiceMetrics(
                service,
                window,
                SOURCE,
                now,
                List.of(
                        Metric.of("uptime_seconds", state.uptime(now).toSeconds()),
                        Metric.of("restarts_in_window", state.restartsBetween(now.minus(window), now)),
                        Metric.of("restart_count", state.restartCount())),
                details);
    }
}
