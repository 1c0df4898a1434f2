package com.astradesk.tools.metrics.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code get_metrics} windows such as {@code 30s}, {@code 15m}, {@code 6h}, {@code 7d}. */
final class MetricsWindow {
    static final String PATTERN = "^\\d+[smhd]$";
    /** The longest window accepted. */
    static final Duration MAX = Duration.ofDays(90);

    private static final Pattern PARSE = Pattern.compile("^(\\d{1,9})([smhd])$");

    private MetricsWindow() {}

    /** The window, or empty when it is malformed, zero or longer than {@link #MAX}. */
    static Optional<Duration> parse(String text) {
        Matcher m = PARSE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return d.isZero() || d.compareTo(MAX) > 0 ? Optional.empty() : Optional.of(d);
    }
}
