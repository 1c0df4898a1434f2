package com.astradesk.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values out of an environment map; the one parser of the server's, the model module's and the
 * auditor's settings. Every failure is a {@link ConfigException} whose message names the variable and never
 * echoes a URL's credentials. Values are trimmed; blank counts as unset. Immutable and thread-safe.
 */
public final class EnvReader {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final Map<String, String> env;

    /** Reads {@code env} (copied). */
    public EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** The trimmed value, empty when unset or blank. */
    public Optional<String> string(String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The trimmed value, or {@code defaultValue} when unset or blank. */
    public String string(String name, String defaultValue) {
        return string(name).orElse(defaultValue);
    }

    /** The value, or a {@link ConfigException} saying {@code name must be set} and {@code why}. */
    public String required(String name, String why) {
        return string(name).orElseThrow(() -> new ConfigException(name, name + " must be set " + why));
    }

    /** {@code true/1/yes/on} or {@code false/0/no/off} (any case). */
    public boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = string(name).map(v -> v.toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name, name + " must be true or false; was '" + raw.get() + "'");
        };
    }

    /** An integer of any size an {@code int} holds. */
    public int integer(String name, int defaultValue) {
        return integer(name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An integer within {@code min..max}. */
    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name, name + " must be an integer; was '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(name, name + " must be between " + min + " and " + max + "; was " + value);
        }
        return value;
    }

    /** A number. */
    public double decimal(String name, double defaultValue) {
        return decimal(name, defaultValue, -Double.MAX_VALUE, Double.MAX_VALUE);
    }

    /** A number within {@code min..max}. */
    public double decimal(String name, double defaultValue, double min, double max) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name, name + " must be a number; was '" + raw.get() + "'");
        }
        if (Double.isNaN(value) || value < min || value > max) {
            throw new ConfigException(name, name + " must be between " + min + " and " + max + "; was " + value);
        }
        return value;
    }

    /**
     * A positive duration: {@code 500ms}, {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d}, a bare number of
     * seconds, or ISO-8601 ({@code PT1H}).
     */
    public Duration duration(String name, Duration defaultValue) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Duration d = parseDuration(name, raw.get());
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(name, name + " must be positive; was '" + raw.get() + "'");
        }
        return d;
    }

    /** An absolute URI with one of the schemes (lower case), or empty when unset. */
    public Optional<URI> uri(String name, Set<String> schemes) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(raw.get());
        } catch (URISyntaxException e) {
            throw new ConfigException(name, name + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new ConfigException(
                    name,
                    name + " must be a URL with scheme " + new TreeSet<>(schemes) + "; was '" + redact(raw.get())
                            + "'");
        }
        return Optional.of(uri);
    }

    /** An {@code http} or {@code https} URL with a host, or empty when unset. */
    public Optional<URI> httpUrl(String name) {
        Optional<URI> uri = uri(name, Set.of("http", "https"));
        if (uri.isPresent() && uri.get().getHost() == null) {
            throw new ConfigException(
                    name,
                    name + " must be an absolute http(s) URL; was '"
                            + redact(string(name).orElse("")) + "'");
        }
        return uri;
    }

    /** The value without the user-info part, so a password never reaches a log or an error message. */
    public static String redact(String url) {
        return url.replaceFirst("//[^/@]*@", "//***@");
    }

    private static Duration parseDuration(String name, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            Matcher m = SIMPLE_DURATION.matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofSeconds(n);
                };
            }
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new ConfigException(
                    name, name + " must be a duration such as 500ms, 30s, 30m, 24h or PT1H; was '" + value + "'");
        }
    }
}
