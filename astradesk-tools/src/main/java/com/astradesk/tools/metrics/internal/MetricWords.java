package com.astradesk.tools.metrics.internal;

import com.astradesk.core.text.Language;
import com.astradesk.tools.metrics.Metric;
import com.astradesk.tools.support.internal.Texts;

/** Renders one metric for a summary, in the caller's language. */
final class MetricWords {
    private MetricWords() {}

    static String render(Language l, Metric metric) {
        String label = label(l, metric.name());
        if (metric.value().isEmpty()) {
            return label + " " + Texts.pick(l, "no data", "brak danych");
        }
        double v = metric.value().getAsDouble();
        return switch (metric.name()) {
            case "uptime_seconds" -> label + " " + Texts.duration((long) v);
            case "restarts_in_window", "restart_count" -> label + " " + Texts.number(l, v, 0);
            case "request_rate_per_second" -> label + " " + Texts.number(l, v, 2) + "/s";
            case "error_ratio" -> label + " " + Texts.number(l, v * 100, 2) + "%";
            case "p95_latency_seconds", "p99_latency_seconds" -> label + " " + Texts.number(l, v * 1000, 1) + " ms";
            case "cpu_cores" -> label + " " + Texts.number(l, v, 3) + " " + Texts.pick(l, "cores", "rdzenia");
            case "memory_bytes" -> label + " " + Texts.number(l, v / (1024 * 1024), 1) + " MiB";
            default -> label + " " + Texts.number(l, v, 3);
        };
    }

    static String label(Language l, String name) {
        return switch (name) {
            case "uptime_seconds" -> Texts.pick(l, "uptime", "czas działania");
            case "restarts_in_window" -> Texts.pick(l, "restarts in window", "restarty w oknie");
            case "restart_count" -> Texts.pick(l, "restarts in total", "restarty łącznie");
            case "request_rate_per_second" -> Texts.pick(l, "request rate", "ruch");
            case "error_ratio" -> Texts.pick(l, "error rate", "odsetek błędów");
            case "p95_latency_seconds" -> Texts.pick(l, "p95 latency", "opóźnienie p95");
            case "p99_latency_seconds" -> Texts.pick(l, "p99 latency", "opóźnienie p99");
            case "cpu_cores" -> Texts.pick(l, "CPU", "CPU");
            case "memory_bytes" -> Texts.pick(l, "memory", "pamięć");
            default -> name;
        };
    }
}
