package com.astradesk.server.auditor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where alerts go. {@link #log()} writes a WARN line on the {@code astradesk.alerts} logger;
 * {@link #webhook} POSTs the alert as JSON (3 attempts with back-off). Implementations must be thread-safe
 * and must not throw: an alert that cannot be delivered is logged.
 */
@FunctionalInterface
public interface AlertChannel {

    /** Delivers one alert. */
    void send(Alert alert);

    /** Logs each alert at WARN on logger {@code astradesk.alerts}. */
    static AlertChannel log() {
        Logger log = LoggerFactory.getLogger("astradesk.alerts");
        return alert -> log.warn(
                "ALERT {}: {} (event {}, actor {})",
                alert.rule(),
                alert.summary(),
                alert.event().eventId(),
                alert.event().actor());
    }

    /** POSTs each alert as JSON to {@code url}; non-2xx answers are retried twice, then logged. */
    static AlertChannel webhook(URI url, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        ObjectMapper mapper = new ObjectMapper();
        Logger log = LoggerFactory.getLogger(AlertChannel.class);
        RetryPolicy<Integer> retry = RetryPolicy.<Integer>builder()
                .handleResultIf(status -> status / 100 != 2)
                .handle(IOException.class)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                .withMaxAttempts(3)
                .build();
        return alert -> {
            try {
                HttpRequest req = HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(alert.toWire())))
                        .build();
                int status = Failsafe.with(retry)
                        .get(() -> http.send(req, HttpResponse.BodyHandlers.discarding())
                                .statusCode());
                if (status / 100 != 2) {
                    log.warn(
                            "alert webhook answered HTTP {} for alert {} on event {}",
                            status,
                            alert.rule(),
                            alert.event().eventId());
                }
            } catch (JsonProcessingException | RuntimeException e) {
                log.warn(
                        "alert webhook failed for alert {} on event {}: {}",
                        alert.rule(),
                        alert.event().eventId(),
                        e.toString());
            }
        };
    }
}
