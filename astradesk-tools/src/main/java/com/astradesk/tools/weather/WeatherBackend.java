package com.astradesk.tools.weather;

import com.astradesk.tools.weather.internal.HttpWeatherBackend;

/**
 * Where {@code get_weather} reads the weather from. Implementations must be thread-safe and never invent data:
 * failures are {@link com.astradesk.core.tool.ToolFailureException}s with a message safe to show the caller.
 */
public interface WeatherBackend {

    /**
     * The current weather in a city.
     *
     * @param city the city as the user named it (1..100 characters)
     * @return the report
     * @throws CityNotFoundException when the backend knows no such place
     * @throws WeatherNotConfiguredException when no weather service is configured
     * @throws com.astradesk.core.tool.ToolFailureException when the backend fails or times out
     */
    WeatherReport current(String city);

    /** The default when no endpoint is configured: every call fails with "weather service not configured". */
    static WeatherBackend notConfigured() {
        return city -> {
            throw new WeatherNotConfiguredException();
        };
    }

    /**
     * An Open-Meteo-compatible HTTP backend. Two GETs per call:
     *
     * <ol>
     *   <li>{@code <geocodingUrl>?name=<city>&count=1&language=en&format=json} answering
     *       {@code {"results":[{"name":"Warsaw","latitude":52.23,"longitude":21.01,"country":"Poland"}]}}
     *       (no or empty {@code results}: {@link CityNotFoundException});
     *   <li>{@code <forecastUrl>?latitude=..&longitude=..&current=temperature_2m,relative_humidity_2m,
     *       wind_speed_10m,weather_code&temperature_unit=celsius&wind_speed_unit=kmh&timezone=auto} answering
     *       {@code {"current":{"time":"2026-11-26T10:00","temperature_2m":3.4,"relative_humidity_2m":81,
     *       "wind_speed_10m":12.3,"weather_code":3}}} ({@code temperature_2m} required, the rest optional).
     * </ol>
     */
    static WeatherBackend http(WeatherConfig config) {
        return new HttpWeatherBackend(config);
    }
}
