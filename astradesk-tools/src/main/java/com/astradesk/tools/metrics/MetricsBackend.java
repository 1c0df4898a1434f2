package com.astradesk.tools.metrics;

import com.astradesk.tools.metrics.internal.InProcessMetricsBackend;
import com.astradesk.tools.metrics.internal.PrometheusMetricsBackend;
import com.astradesk.tools.service.ServiceStateRegistry;
import java.time.Duration;

/**
 * Where {@code get_metrics} reads numbers from. Implementations must be thread-safe; failures are reported as
 * {@link com.astradesk.core.tool.ToolFailureException} with a message safe to show the caller.
 */
public interface MetricsBackend {

    /**
     * Reads the service's metrics over the window ending now.
     *
     * @param service canonical catalog name (already validated against the catalog)
     * @param window  positive window, e.g. 15 minutes
     * @return the metrics
     * @throws com.astradesk.core.tool.ToolFailureException when the backend cannot answer
     */
    ServiceMetrics fetch(String service, Duration window);

    /**
     * Whether {@link #fetch} can block (network, shared locks). A backend that cannot — it answers from memory —
     * lets {@code get_metrics} run on the caller's thread ({@link com.astradesk.core.tool.ToolExecution#INLINE}).
     * Default: true.
     */
    default boolean blocks() {
        return true;
    }

    /**
     * The embedded default: uptime and restarts of the process's own {@link ServiceStateRegistry}, marked
     * {@code source = "in-process"}. It does not measure live traffic.
     */
    static MetricsBackend inProcess(ServiceStateRegistry registry) {
        return new InProcessMetricsBackend(registry);
    }

    /** Queries a Prometheus server's HTTP API ({@code /api/v1/query}). */
    static MetricsBackend prometheus(PrometheusConfig config) {
        return new PrometheusMetricsBackend(config);
    }
}
