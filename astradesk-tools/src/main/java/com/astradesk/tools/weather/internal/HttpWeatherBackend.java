package com.astradesk.tools.weather.internal;

import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.support.internal.HttpJson;
import com.astradesk.tools.weather.CityNotFoundException;
import com.astradesk.tools.weather.WeatherBackend;
import com.astradesk.tools.weather.WeatherConfig;
import com.astradesk.tools.weather.WeatherReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Open-Meteo-compatible weather: geocodes the city, then reads the current conditions (shapes documented on
 * {@link WeatherBackend#http(WeatherConfig)}). Thread-safe.
 */
public final class HttpWeatherBackend implements WeatherBackend {
    /** The {@code source} of these reports. */
    public static final String SOURCE = "open-meteo";

    private final WeatherConfig config;
    private final HttpJson http;

    public HttpWeatherBackend(WeatherConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = new HttpJson(BuiltinTools.GET_WEATHER, "the weather service", config.timeout(), Optional.empty());
    }

    @Override
    public WeatherReport current(String city) {
        var geoParams = new LinkedHashMap<String, String>();
        geoParams.put("name", city.strip());
        geoParams.put("count", "1");
        geoParams.put("language", "en");
        geoParams.put("format", "json");
        JsonNode results =
                http.get(HttpJson.withQuery(config.geocodingUrl(), geoParams)).path("results");
        if (!results.isArray() || results.isEmpty()) {
            throw new CityNotFoundException(city.strip());
        }
        JsonNode place = results.get(0);
        if (!place.path("latitude").isNumber() || !place.path("longitude").isNumber()) {
            throw http.unexpected("place without coordinates");
        }
        double lat = place.path("latitude").asDouble();
        double lon = place.path("longitude").asDouble();

        var params = new LinkedHashMap<String, String>();
        params.put("latitude", Double.toString(lat));
        params.put("longitude", Double.toString(lon));
        params.put("current", "temperature_2m,relative_humidity_2m,wind_speed_10m,weather_code");
        params.put("temperature_unit", "celsius");
        params.put("wind_speed_unit", "kmh");
        params.put("timezone", "auto");
        JsonNode current =
                http.get(HttpJson.withQuery(config.forecastUrl(), params)).path("current");
        if (!current.path("temperature_2m").isNumber()) {
            throw http.unexpected("no current temperature");
        }
        return new WeatherReport(
                place.path("name").asText(city.strip()),
                text(place.path("country")),
                lat,
                lon,
                current.path("temperature_2m").asDouble(),
                number(current.path("wind_speed_10m")),
                number(current.path("relative_humidity_2m")),
                current.path("weather_code").isNumber()
                        ? OptionalInt.of(current.path("weather_code").asInt())
                        : OptionalInt.empty(),
                current.path("time").asText(""),
                SOURCE);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static OptionalDouble number(JsonNode node) {
        return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
    }
}
