package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.tools.metrics.PrometheusConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool-backend settings: the service catalog file, Prometheus and its query templates. */
class ToolBackendsConfigTest {
    @TempDir
    Path dir;

    @Test
    void should_default_to_the_builtin_catalog_plus_the_server_itself() {
        ToolBackendsConfig config = AstraDeskConfig.fromEnv(Map.of()).tools();

        assertThat(config.services().catalog().names()).contains("payments-api", "database", "astradesk");
        assertThat(config.services().selectors()).containsEntry("astradesk", "job=\"astradesk\"");
        assertThat(config.services().deployment("astradesk")).isEqualTo("astradesk-api-gateway");
        assertThat(config.services().deployment("payments-api")).isEqualTo("payments-api");
        assertThat(config.metrics().prometheus()).isEmpty();
    }

    @Test
    void should_read_services_aliases_selectors_and_deployments_from_the_catalog_file() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("catalog.properties"), """
                # the shop
                checkout.aliases = checkout service, kasa
                checkout.selector = namespace="shop", app="checkout"
                checkout.deployment = checkout-v2
                search.aliases = szukajka
                """);

        // when
        ToolBackendsConfig config = AstraDeskConfig.fromEnv(
                        Map.of("SERVICE_CATALOG_FILE", file.toString(), "PROMETHEUS_URL", "http://prometheus:9090"))
                .tools();

        // then
        assertThat(config.services().catalog().names()).containsExactly("checkout", "search");
        assertThat(config.services().catalog().resolve("kasa")).contains("checkout");
        assertThat(config.services().deployment("checkout")).isEqualTo("checkout-v2");
        PrometheusConfig prometheus = config.metrics().prometheus().orElseThrow();
        assertThat(prometheus.selector("checkout")).isEqualTo("namespace=\"shop\", app=\"checkout\"");
        assertThat(prometheus.selector("search")).isEqualTo("service=\"search\"");
    }

    @Test
    void should_override_add_and_drop_query_templates_from_the_queries_file() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("queries.properties"), """
                request_rate_per_second = sum(rate(my_requests_total{{service}}[{window}]))
                queue_depth = max(queue_depth{{service}})
                p99_latency_seconds =
                """);

        // when
        PrometheusConfig prometheus = AstraDeskConfig.fromEnv(Map.of(
                        "PROMETHEUS_URL", "http://prometheus:9090",
                        "PROMETHEUS_TIMEOUT", "2s",
                        "METRICS_QUERIES_FILE", file.toString()))
                .tools()
                .metrics()
                .prometheus()
                .orElseThrow();

        // then
        assertThat(prometheus.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(prometheus.queries())
                .containsEntry("request_rate_per_second", "sum(rate(my_requests_total{{service}}[{window}]))")
                .containsEntry("queue_depth", "max(queue_depth{{service}})")
                .containsKey("cpu_cores")
                .doesNotContainKey("p99_latency_seconds");
    }

    @Test
    void should_stop_startup_naming_the_variable_for_bad_metric_settings() throws IOException {
        Path badKey = Files.writeString(dir.resolve("bad.properties"), "checkout.port = 80\n");
        Path badSelector = Files.writeString(dir.resolve("sel.properties"), "checkout.selector = {app=\"x\"}\n");
        Path badQuery = Files.writeString(dir.resolve("q.properties"), "Request-Rate = up\n");

        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("SERVICE_CATALOG_FILE", badKey.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SERVICE_CATALOG_FILE: key 'checkout.port'");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("SERVICE_CATALOG_FILE", badSelector.toString())))
                .hasMessageContaining("checkout.selector must be PromQL label matchers without braces");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(
                        Map.of("PROMETHEUS_URL", "http://p:9090", "METRICS_QUERIES_FILE", badQuery.toString())))
                .hasMessageContaining("METRICS_QUERIES_FILE: metricName must be snake_case");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("METRICS_QUERIES_FILE", badQuery.toString())))
                .hasMessageContaining("METRICS_QUERIES_FILE needs PROMETHEUS_URL");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("SERVICE_CATALOG_FILE", "/no/such/file")))
                .hasMessageContaining("SERVICE_CATALOG_FILE: cannot read /no/such/file");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("PROMETHEUS_URL", "prometheus:9090")))
                .hasMessageContaining("PROMETHEUS_URL must be a URL with scheme");
    }
}
