package com.astradesk.server.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the Debian package's {@code prometheus} binary, installed by
 * {@code scripts/ensure-services.sh}) on a free loopback port with its own configuration and storage under a
 * temporary directory, scraping one target every second as job {@code astradesk}. A missing binary fails loudly.
 */
final class LocalPrometheus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A free loopback port to start Prometheus on (so the server can be told its URL first). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    LocalPrometheus(Path dir, int port, int targetPort) throws IOException, InterruptedException {
        Path binary = Path.of(System.getenv().getOrDefault("PROMETHEUS_BIN", "/usr/bin/prometheus"));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(
                    binary + " is missing: run scripts/ensure-services.sh (installs the Debian package prometheus)");
        }
        this.port = port;
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: astradesk
                    metrics_path: /metrics
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(targetPort));
        log = dir.resolve("prometheus.log");
        process = new ProcessBuilder(List.of(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited:\n" + Files.readString(log));
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready after 30 s:\n" + Files.readString(log));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** One instant query, evaluated at {@code time} (epoch seconds as Prometheus prints them); the value or NaN. */
    double query(String promql, String time) {
        HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + URLEncoder.encode(time, StandardCharsets.UTF_8));
        try {
            JsonNode body = JSON.readTree(r.body());
            JsonNode result = body.at("/data/result");
            if (!"success".equals(body.path("status").asText()) || !result.isArray()) {
                throw new AssertionError("query failed: " + r.body());
            }
            return result.isEmpty()
                    ? Double.NaN
                    : Double.parseDouble(result.get(0).at("/value/1").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blocks until the target has been scraped at least {@code samples} times. */
    void awaitSamples(int samples, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            double now = System.currentTimeMillis() / 1000.0;
            double n = query("count_over_time(up{job=\"astradesk\"}[5m])", String.format("%.3f", now));
            if (n >= samples) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("target not scraped " + samples + " times in " + timeout + ": " + output());
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return client.send(
                    HttpRequest.newBuilder(URI.create(url() + path))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
