package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import com.astradesk.tools.metrics.PrometheusConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where {@code get_metrics} reads numbers: Prometheus ({@code PROMETHEUS_URL}, {@code PROMETHEUS_TIMEOUT},
 * {@code PROMETHEUS_BEARER_TOKEN}, query templates {@link PrometheusConfig#DEFAULT_QUERIES} overridden by
 * {@code METRICS_QUERIES_FILE}, selectors from the service catalog), or — unset — the process's own uptime and
 * restarts. Immutable.
 *
 * @param prometheus the Prometheus settings, empty without {@code PROMETHEUS_URL}
 */
public record MetricsConfig(Optional<PrometheusConfig> prometheus) {
    public MetricsConfig {
        prometheus = Objects.requireNonNullElse(prometheus, Optional.empty());
    }

    static MetricsConfig from(EnvReader env, ServiceCatalogConfig catalog) {
        Optional<URI> url = env.uri("PROMETHEUS_URL", Set.of("http", "https"));
        Optional<String> queriesFile = env.string("METRICS_QUERIES_FILE");
        if (url.isEmpty()) {
            if (queriesFile.isPresent()) {
                throw new ConfigException("METRICS_QUERIES_FILE", "METRICS_QUERIES_FILE needs PROMETHEUS_URL");
            }
            return new MetricsConfig(Optional.empty());
        }
        Duration timeout = env.duration("PROMETHEUS_TIMEOUT", Duration.ofSeconds(5));
        PrometheusConfig.Builder builder = PrometheusConfig.builder(url.get()).withTimeout(timeout);
        env.string("PROMETHEUS_BEARER_TOKEN").ifPresent(builder::withBearerToken);
        if (queriesFile.isPresent()) {
            for (Map.Entry<String, String> q : PropertiesFile.load("METRICS_QUERIES_FILE", queriesFile.get())
                    .entrySet()) {
                try {
                    if (q.getValue().isEmpty()) {
                        builder.withoutQuery(q.getKey());
                    } else {
                        builder.withQuery(q.getKey(), q.getValue());
                    }
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("METRICS_QUERIES_FILE", "METRICS_QUERIES_FILE: " + e.getMessage());
                }
            }
        }
        catalog.selectors().forEach(builder::withSelector);
        try {
            return new MetricsConfig(Optional.of(builder.build()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("METRICS_QUERIES_FILE", "METRICS_QUERIES_FILE: " + e.getMessage());
        }
    }
}
