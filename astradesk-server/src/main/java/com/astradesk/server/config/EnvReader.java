package com.astradesk.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads typed values out of an environment map; every failure names the variable. Not thread-safe. */
final class EnvReader {
    private final Map<String, String> env;

    EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The trimmed value, empty when unset or blank. */
    Optional<String> string(String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    String string(String name, String defaultValue) {
        return string(name).orElse(defaultValue);
    }

    boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = string(name).map(v -> v.trim().toLowerCase(java.util.Locale.ROOT));
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name, name + " must be true or false; was '" + raw.get() + "'");
        };
    }

    int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new ConfigException(name, name + " must be between " + min + " and " + max + "; was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, name + " must be an integer; was '" + raw.get() + "'");
        }
    }

    double decimal(String name, double defaultValue, double min, double max) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (Double.isNaN(value) || value < min || value > max) {
                throw new ConfigException(name, name + " must be between " + min + " and " + max + "; was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, name + " must be a number; was '" + raw.get() + "'");
        }
    }

    /** {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d} or ISO-8601 ({@code PT1H}); positive. */
    Duration duration(String name, Duration defaultValue) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String v = raw.get().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (v.matches("\\d+[smhd]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                d = switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(raw.get().toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new ConfigException(name, name + " must be a duration such as 30m, 24h or PT1H; was '" + v + "'");
        }
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(name, name + " must be positive; was '" + v + "'");
        }
        return d;
    }

    /** An absolute URI with one of the schemes, or empty when unset. */
    Optional<URI> uri(String name, Set<String> schemes) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!schemes.contains(scheme)) {
                throw new ConfigException(
                        name,
                        name + " must be a URL with scheme " + new java.util.TreeSet<>(schemes) + "; was '"
                                + redact(raw.get()) + "'");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ConfigException(name, name + " is not a valid URL: " + e.getReason());
        }
    }

    /** The value without the user-info part, so a password never reaches a log or an error message. */
    static String redact(String url) {
        return url.replaceFirst("//[^/@]*@", "//***@");
    }
}
