package com.astradesk.model.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code Retry-After} (delta-seconds or HTTP-date, RFC 9110 §10.2.3). Stateless. */
final class RetryAfter {
    private RetryAfter() {}

    static Optional<Duration> from(Map<String, List<String>> headers, Clock clock) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("retry-after"))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .flatMap(v -> parse(v, clock));
    }

    static Optional<Duration> parse(String value, Clock clock) {
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        if (v.matches("\\d{1,9}\\.\\d+")) {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
