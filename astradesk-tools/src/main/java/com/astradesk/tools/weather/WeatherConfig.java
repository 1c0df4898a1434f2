package com.astradesk.tools.weather;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the HTTP weather backend asks: an Open-Meteo-compatible geocoding endpoint (city → coordinates) and
 * forecast endpoint (coordinates → current weather); see {@link WeatherBackend#http(WeatherConfig)} for the
 * JSON shapes expected. Immutable.
 *
 * @param geocodingUrl e.g. {@code https://geocoding-api.open-meteo.com/v1/search}
 * @param forecastUrl  e.g. {@code https://api.open-meteo.com/v1/forecast}
 * @param timeout      connect and per-request timeout
 */
public record WeatherConfig(URI geocodingUrl, URI forecastUrl, Duration timeout) {
    /** Open-Meteo's public geocoding endpoint. */
    public static final URI OPEN_METEO_GEOCODING = URI.create("https://geocoding-api.open-meteo.com/v1/search");
    /** Open-Meteo's public forecast endpoint. */
    public static final URI OPEN_METEO_FORECAST = URI.create("https://api.open-meteo.com/v1/forecast");

    public WeatherConfig {
        requireHttp(geocodingUrl, "geocodingUrl");
        requireHttp(forecastUrl, "forecastUrl");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** Open-Meteo's public endpoints with a 5 s timeout. */
    public static WeatherConfig openMeteo() {
        return of(OPEN_METEO_GEOCODING, OPEN_METEO_FORECAST);
    }

    /** These endpoints with a 5 s timeout. */
    public static WeatherConfig of(URI geocodingUrl, URI forecastUrl) {
        return new WeatherConfig(geocodingUrl, forecastUrl, Duration.ofSeconds(5));
    }

    /** This config with another timeout. */
    public WeatherConfig withTimeout(Duration newTimeout) {
        return new WeatherConfig(geocodingUrl, forecastUrl, newTimeout);
    }

    @Override
    public String toString() {
        return "WeatherConfig[geocodingHost=" + geocodingUrl.getHost() + ", forecastHost=" + forecastUrl.getHost()
                + ", timeout=" + timeout + "]";
    }

    private static void requireHttp(URI uri, String name) {
        Objects.requireNonNull(uri, name);
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException(name + " must be an http or https URL");
        }
    }
}
