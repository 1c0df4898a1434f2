package com.astradesk.tools.weather;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Current weather at a place. Immutable.
 *
 * @param place              the place as the backend named it, e.g. {@code Warsaw}
 * @param country            its country, if known
 * @param latitude           latitude in degrees
 * @param longitude          longitude in degrees
 * @param temperatureCelsius air temperature at 2 m, °C
 * @param windSpeedKmh       wind speed at 10 m, km/h, if reported
 * @param relativeHumidity   relative humidity at 2 m, %, if reported
 * @param weatherCode        WMO weather interpretation code, if reported
 * @param observedAt         the observation time as the backend gave it (local ISO-8601, e.g. {@code 2026-11-26T10:00})
 * @param source             where the data comes from, e.g. {@code open-meteo}
 */
public record WeatherReport(
        String place,
        Optional<String> country,
        double latitude,
        double longitude,
        double temperatureCelsius,
        OptionalDouble windSpeedKmh,
        OptionalDouble relativeHumidity,
        OptionalInt weatherCode,
        String observedAt,
        String source) {

    public WeatherReport {
        Objects.requireNonNull(place, "place");
        country = Objects.requireNonNullElse(country, Optional.empty());
        windSpeedKmh = Objects.requireNonNullElse(windSpeedKmh, OptionalDouble.empty());
        relativeHumidity = Objects.requireNonNullElse(relativeHumidity, OptionalDouble.empty());
        weatherCode = Objects.requireNonNullElse(weatherCode, OptionalInt.empty());
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(source, "source");
    }
}
