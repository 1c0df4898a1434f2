package com.astradesk.server.config;

import com.astradesk.core.config.EnvReader;
import com.astradesk.tools.weather.WeatherConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads where {@code get_weather} asks: {@code WEATHER_URL} unset → Open-Meteo's public geocoding and forecast
 * endpoints; {@code none} → no weather service (the tool answers "not configured"); otherwise a base URL serving
 * Open-Meteo's {@code /v1/forecast} and, unless {@code WEATHER_GEOCODING_URL} names another base,
 * {@code /v1/search}. {@code WEATHER_TIMEOUT} bounds each call (default 5 s).
 */
final class WeatherSettings {
    private static final Set<String> SCHEMES = Set.of("http", "https");

    private WeatherSettings() {}

    static Optional<WeatherConfig> from(EnvReader env) {
        Duration timeout = env.duration("WEATHER_TIMEOUT", Duration.ofSeconds(5));
        Optional<String> raw = env.string("WEATHER_URL");
        if (raw.isPresent() && raw.get().toLowerCase(Locale.ROOT).equals("none")) {
            return Optional.empty();
        }
        Optional<URI> base = env.uri("WEATHER_URL", SCHEMES);
        Optional<URI> geocodingBase = env.uri("WEATHER_GEOCODING_URL", SCHEMES);
        URI forecast = base.map(b -> under(b, "/v1/forecast")).orElse(WeatherConfig.OPEN_METEO_FORECAST);
        URI geocoding = geocodingBase
                .or(() -> base)
                .map(b -> under(b, "/v1/search"))
                .orElse(WeatherConfig.OPEN_METEO_GEOCODING);
        return Optional.of(WeatherConfig.of(geocoding, forecast).withTimeout(timeout));
    }

    private static URI under(URI base, String path) {
        String s = base.toString();
        return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + path);
    }
}
