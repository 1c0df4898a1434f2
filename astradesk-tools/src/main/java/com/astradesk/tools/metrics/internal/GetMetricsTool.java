package com.astradesk.tools.metrics.internal;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.text.Language;
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
import java.util.Set;
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
        List<String> asked = AskedMetrics.in(call.question());
        return ToolResult.of(summary(call.language(), m, windowText, asked), data(m, windowText, asked));
    }

    /**
     * The summary: every metric the backend has, or — when the question names metrics ({@link AskedMetrics}) — those
     * first, then which of them this backend does not provide (and how to get them), then the rest.
     */
    static String summary(Language l, ServiceMetrics m, String windowText, List<String> asked) {
        String head = Texts.pick(
                l,
                "Metrics for " + m.service() + ", last " + windowText + " (" + m.source() + ")",
                "Metryki " + m.service() + ", ostatnie " + windowText + " (" + m.source() + ")");
        if (asked.isEmpty()) {
            return head + ": " + render(l, m.metrics()) + ".";
        }
        List<Metric> answered = m.metrics().stream()
                .filter(metric -> asked.contains(metric.name()))
                .sorted(java.util.Comparator.comparingInt(metric -> asked.indexOf(metric.name())))
                .toList();
        List<String> missing = unavailable(asked, m);
        List<Metric> rest = m.metrics().stream()
                .filter(metric -> !asked.contains(metric.name()))
                .toList();
        var sb = new StringBuilder(head).append('.');
        if (!answered.isEmpty()) {
            sb.append(' ')
                    .append(Texts.pick(l, "Asked for: ", "Pytano o: "))
                    .append(render(l, answered))
                    .append('.');
        }
        if (!missing.isEmpty()) {
            sb.append(' ').append(notAvailable(l, m.source(), missing));
        }
        if (!rest.isEmpty()) {
            sb.append(' ')
                    .append(
                            answered.isEmpty()
                                    ? Texts.pick(l, "Available: ", "Dostępne: ")
                                    : Texts.pick(l, "Also: ", "Ponadto: "))
                    .append(render(l, rest))
                    .append('.');
        }
        return sb.toString();
    }

    private static List<String> unavailable(List<String> asked, ServiceMetrics m) {
        Set<String> provided = m.metrics().stream().map(Metric::name).collect(Collectors.toSet());
        return asked.stream().filter(name -> !provided.contains(name)).toList();
    }

    /** "Error rate is not available from the in-process metrics backend, …; configure PROMETHEUS_URL …." */
    private static String notAvailable(Language l, String source, List<String> missing) {
        String labels = missing.stream().map(name -> MetricWords.label(l, name)).collect(Collectors.joining(", "));
        boolean inProcess = InProcessMetricsBackend.SOURCE.equals(source);
        if (l == Language.PL) {
            return "Niedostępne w backendzie metryk " + source + ": " + labels
                    + (inProcess
                            ? " — rejestruje on tylko czas działania i restarty; ustaw PROMETHEUS_URL, by odczytywać"
                                    + " ruch, błędy, opóźnienia, CPU i pamięć."
                            : " (brak skonfigurowanego zapytania).");
        }
        return capitalize(labels) + (missing.size() == 1 ? " is" : " are") + " not available from the " + source
                + " metrics backend"
                + (inProcess
                        ? ", which records only uptime and restarts; configure PROMETHEUS_URL for traffic, error,"
                                + " latency, CPU and memory metrics."
                        : " (no query is configured for " + (missing.size() == 1 ? "it" : "them") + ").");
    }

    private static String capitalize(String s) {
        return s.isEmpty() || Character.isUpperCase(s.charAt(0))
                ? s
                : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String render(Language l, List<Metric> metrics) {
        var out = new StringBuilder();
        for (Metric metric : metrics) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(MetricWords.render(l, metric));
        }
        return out.toString();
    }

    private static Map<String, Object> data(ServiceMetrics m, String windowText, List<String> asked) {
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
        if (!asked.isEmpty()) {
            data.put("asked", asked);
            data.put("unavailable", unavailable(asked, m));
        }
        m.details().forEach(data::putIfAbsent);
        return data;
    }
}
