package com.astradesk.server.jar;

import com.astradesk.server.HttpHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar target/astradesk-server.jar serve} as a child process on a free loopback port (the shaded jar
 * {@code package} wrote, so class-path and service-file problems of the jar show), with its output in a file.
 */
final class ServerJarProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "astradesk-server.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerJarProcess(Path home, Map<String, String> env) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("run `./mvnw -pl astradesk-server -am package` first: " + JAR + " missing");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(home.resolve("kb"));
        log = home.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                JAR.toAbsolutePath().toString(),
                "serve"));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("MODEL_") || k.startsWith("AWS_") || k.equals("OPENAI_API_KEY"));
        pb.environment()
                .putAll(Map.of(
                        "PORT", Integer.toString(port),
                        "BIND_ADDRESS", "127.0.0.1",
                        "ASTRADESK_HOME", home.toString(),
                        "KNOWLEDGE_DIR", home.resolve("kb").toString(),
                        "EMBEDDING_MODEL", "hashing",
                        "WEATHER_URL", "none",
                        "LOG_LEVEL", "WARN"));
        pb.environment().putAll(env);
        process = pb.start();
    }

    /** Waits until {@code /readyz} answers 200, or fails with the process's output. */
    ServerJarProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (send(HttpRequest.newBuilder(uri("/readyz")).GET()).statusCode() == 200) {
                    return this;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server not ready after " + timeout + ":\n" + output());
    }

    /** A token from the embedded dev issuer. */
    String token(String sub, String... roles) {
        String body = "{\"sub\":" + HttpHarness.quote(sub) + ",\"roles\":"
                + String.join(
                        ",", List.of(roles).stream().map(HttpHarness::quote).toList()) + "}";
        body = body.replace("\"roles\":", "\"roles\":[").replaceFirst("}$", "]}");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/dev/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        return json(r).get("access_token").asText();
    }

    /** {@code POST /v1/agents/run}; fails unless 200. */
    JsonNode run(String token, String agent, String input) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/agents/run"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"agent\":" + HttpHarness.quote(agent) + ",\"input\":" + HttpHarness.quote(input) + "}")));
        if (r.statusCode() != 200) {
            throw new AssertionError("run answered " + r.statusCode() + ": " + r.body() + "\n" + output());
        }
        return json(r);
    }

    /** {@code GET path} with a bearer token. */
    HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    /** {@code POST path} with a JSON body, a bearer token and extra headers (name, value, ...). */
    HttpResponse<String> post(String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r.body(), e);
        }
    }
}
