package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Log format and trace export. Tracing always creates trace ids (logs, audit records, {@code reasoning_trace_id});
 * spans leave the process only when an OTLP exporter is configured. Immutable.
 *
 * @param logFormat      {@code LOG_FORMAT}: {@code json} or {@code text}; empty = text in embedded mode, JSON
 *                       otherwise
 * @param serviceName    {@code OTEL_SERVICE_NAME}, default {@code astradesk}
 * @param tracesEndpoint where spans are POSTed (OTLP/HTTP protobuf); empty = not exported. From {@code
 *                       OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, else {@code OTEL_EXPORTER_OTLP_ENDPOINT} + {@code
 *                       /v1/traces}; {@code OTEL_TRACES_EXPORTER=none} turns export off, {@code otlp} without an
 *                       endpoint uses {@code http://localhost:4318/v1/traces}
 * @param otlpHeaders    {@code OTEL_EXPORTER_OTLP_HEADERS} ({@code key=value,key=value}), e.g. an API key
 */
public record ObservabilityConfig(
        Optional<LogFormat> logFormat,
        String serviceName,
        Optional<URI> tracesEndpoint,
        Map<String, String> otlpHeaders) {

    /** How log lines are written. */
    public enum LogFormat {
        /** One JSON object per line (logstash encoder), for log collectors. */
        JSON,
        /** A human-readable line. */
        TEXT
    }

    public ObservabilityConfig {
        logFormat = Objects.requireNonNullElse(logFormat, Optional.empty());
        Objects.requireNonNull(serviceName, "serviceName");
        tracesEndpoint = Objects.requireNonNullElse(tracesEndpoint, Optional.empty());
        otlpHeaders = Map.copyOf(otlpHeaders);
    }

    /**
     * The log format to use: {@code LOG_FORMAT} when set, else text in embedded mode ({@code embedded}) and JSON
     * otherwise (the one rule the API server and the model gateway share).
     */
    public LogFormat effectiveLogFormat(boolean embedded) {
        return logFormat.orElse(embedded ? LogFormat.TEXT : LogFormat.JSON);
    }

    /** Default format, service {@code astradesk}, no export. */
    public static ObservabilityConfig defaults() {
        return new ObservabilityConfig(Optional.empty(), "astradesk", Optional.empty(), Map.of());
    }

    static ObservabilityConfig from(EnvReader env) {
        Optional<LogFormat> format = env.string("LOG_FORMAT").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "json" -> LogFormat.JSON;
            case "text" -> LogFormat.TEXT;
            default -> throw new ConfigException("LOG_FORMAT", "LOG_FORMAT must be json or text; was '" + v + "'");
        });
        String protocol = env.string("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        if (!protocol.equals("http/protobuf")) {
            throw new ConfigException(
                    "OTEL_EXPORTER_OTLP_PROTOCOL",
                    "OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf (the only protocol this server exports); was '"
                            + protocol + "'");
        }
        String exporter = env.string("OTEL_TRACES_EXPORTER", "").toLowerCase(Locale.ROOT);
        if (!exporter.isEmpty() && !exporter.equals("otlp") && !exporter.equals("none")) {
            throw new ConfigException(
                    "OTEL_TRACES_EXPORTER", "OTEL_TRACES_EXPORTER must be otlp or none; was '" + exporter + "'");
        }
        Set<String> schemes = Set.of("http", "https");
        Optional<URI> tracesEndpoint = env.uri("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", schemes)
                .or(() -> env.uri("OTEL_EXPORTER_OTLP_ENDPOINT", schemes)
                        .map(base -> URI.create(base.toString().replaceAll("/+$", "") + "/v1/traces")));
        if (exporter.equals("none")) {
            tracesEndpoint = Optional.empty();
        } else if (exporter.equals("otlp") && tracesEndpoint.isEmpty()) {
            tracesEndpoint = Optional.of(URI.create("http://localhost:4318/v1/traces"));
        }
        String service = env.string("OTEL_SERVICE_NAME", "astradesk");
        return new ObservabilityConfig(
                format, service, tracesEndpoint, headers(env.string("OTEL_EXPORTER_OTLP_HEADERS", "")));
    }

    private static Map<String, String> headers(String raw) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String pair : raw.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(
                        "OTEL_EXPORTER_OTLP_HEADERS",
                        "OTEL_EXPORTER_OTLP_HEADERS must be key=value pairs separated by commas");
            }
            headers.put(
                    pair.substring(0, eq).trim(),
                    java.net.URLDecoder.decode(pair.substring(eq + 1).trim(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return headers;
    }
}
