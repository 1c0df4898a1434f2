package com.astradesk.tools.metrics.internal;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolExecution;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.metrics.Metric;
import com.astradesk.tools.metrics.MetricsBackend;
import com.astradesk.tools.metrics.ServiceMetrics;
import com.astradesk.tools.support.internal.Texts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@code get_metrics}: a catalog service's metrics over a window, from the {@link MetricsBackend}. Thread-safe. */
public final class GetMetricsTool implements Tool {
    /** The window used when the call names none. */
    public static final String DEFAULT_WINDOW = "15m";

    private final MetricsBackend backend;
    private final ToolDescriptor descriptor;

    public GetMetricsTool(MetricsBackend backend, ServiceCatalog catalog) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.descriptor = ToolDescriptor.builder(BuiltinTools.GET_METRICS)
                .withDescription("Shows a service's health metrics (uptime, restarts, traffic, errors, latency) over"
                        + " a time window such as 15m or 1h.")
                .withSideEffect(SideEffect.READ)
                .withIdempotent(true)
                .withExecution(backend.blocks() ? ToolExecution.ISOLATED : ToolExecution.INLINE)
                .withArgumentsSchema(Map.of(
                        "type",
                        "object",
                        "additionalProperties",
                        false,
                        "required",
                        List.of("service"),
                        "properties",
                        Map.of(
                                "service",
                                Map.of(
                                        "type", "string",
                                        "enum", catalog.names(),
                                        "description", "canonical service name from the catalog"),
                                "window",
                                Map.of(
                                        "type",
                                        "string",
                                        "pattern",
                                        MetricsWindow.PATTERN,
                                        "maxLength",
                                        10,
                                        "default",
                                        DEFAULT_WINDOW,
                                        "description",
                                        "time window, e.g. 15m, 1h, 7d"))))
                .build();
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String service = call.arguments().get("service").toString();
        String windowText = String.valueOf(call.arguments().getOrDefault("window", DEFAULT_WINDOW));
        Duration window = MetricsWindow.parse(windowText)
                .orElseThrow(() -> new ToolFailureException(
                        BuiltinTools.GET_METRICS,
                        Texts.pick(
                                call.language(),
                                "window must be between 1s and 90d, was " + windowText,
                                "okno musi mieścić się między 1s a 90d, podano " + windowText)));
        ServiceMetrics m = backend.fetch(service, window);
        return ToolResult.of(summary(call, m, windowText), data(m, windowText));
    }

    private static String summary(ToolCall call, ServiceMetrics m, String windowText) {
        String values = m.metrics().stream()
                .map(metric -> MetricWords.render(call.language(), metric))
                .collect(Collectors.joining(", "));
        return Texts.pick(
                call.language(),
                "Metrics for " + m.service() + ", last " + windowText + " (" + m.source() + "): " + values + ".",
                "Metryki " + m.service() + ", ostatnie " + windowText + " (" + m.source() + "): " + values + ".");
    }

    private static Map<String, Object> data(ServiceMetrics m, String windowText) {
        var values = new LinkedHashMap<String, Object>();
        var noData = new ArrayList<String>();
        for (Metric metric : m.metrics()) {
            if (metric.value().isPresent()) {
                values.put(metric.name(), metric.value().getAsDouble());
            } else {
                noData.add(metric.name());
            }
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("service", m.service());
        data.put("window", windowText);
        data.put("window_seconds", m.window().toSeconds());
        data.put("source", m.source());
        data.put("observed_at", m.observedAt().toString());
        data.put("metrics", values);
        data.put("no_data", noData);
        m.details().forEach(data::putIfAbsent);
        return data;
    }
}
