package com.astradesk.tools.weather.internal;

import com.astradesk.core.text.Language;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.support.internal.Texts;
import com.astradesk.tools.weather.CityNotFoundException;
import com.astradesk.tools.weather.WeatherBackend;
import com.astradesk.tools.weather.WeatherNotConfiguredException;
import com.astradesk.tools.weather.WeatherReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code get_weather}: the current weather in a city, from the {@link WeatherBackend}. A question asking for a
 * forecast ("tomorrow", "this weekend", "prognoza na jutro") is answered with the current weather and says that a
 * forecast is not available. Thread-safe.
 */
public final class GetWeatherTool implements Tool {
    /** Room for the geocoding and the forecast request, each bounded by the backend's own timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder(BuiltinTools.GET_WEATHER)
            .withDescription("Shows the current weather (temperature, wind, conditions) in a city.")
            .withSideEffect(SideEffect.READ)
            .withIdempotent(true)
            .withTimeout(TIMEOUT)
            .withArgumentsSchema(Map.of(
                    "type",
                    "object",
                    "additionalProperties",
                    false,
                    "required",
                    List.of("city"),
                    "properties",
                    Map.of(
                            "city",
                            Map.of(
                                    "type", "string",
                                    "minLength", 1,
                                    "maxLength", 100,
                                    "pattern", "\\S",
                                    "description", "city name, e.g. Warsaw"))))
            .build();

    /** Words asking for future weather, matched on folded text (lower case, no diacritics, ł → l). */
    private static final Pattern FORECAST = Pattern.compile("(?<![\\p{L}\\p{N}])(?:forecast\\p{L}*|tomorrow|tonight"
            + "|weekend|next (?:few )?(?:days?|week|hours?)|this week|later today|will it|is it going to|going to (?:rain"
            + "|snow)|prognoz\\p{L}*|jutr\\p{L}*|pojutrze|wieczorem|weekend\\p{L}*|w przyszlym tygodniu"
            + "|najblizsz\\p{L}* (?:dni|godzin\\p{L}*|tydzien)|bedzie (?:padac|padal|pada|padalo|snieg|deszcz|cieplo"
            + "|zimno|slonecznie)|czy bedzie)(?![\\p{L}\\p{N}])");

    private final WeatherBackend backend;

    public GetWeatherTool(WeatherBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult call(ToolCall call) {
        Language l = call.language();
        String city = call.arguments().get("city").toString().strip();
        WeatherReport r;
        try {
            r = backend.current(city);
        } catch (WeatherNotConfiguredException e) {
            throw new ToolFailureException(
                    BuiltinTools.GET_WEATHER,
                    Texts.pick(l, "weather service not configured", "serwis pogodowy nie jest skonfigurowany"),
                    e);
        } catch (CityNotFoundException e) {
            throw new ToolFailureException(
                    BuiltinTools.GET_WEATHER,
                    Texts.pick(l, "city '" + e.city() + "' not found", "nie znaleziono miasta '" + e.city() + "'"),
                    e);
        }
        boolean forecast = asksForecast(call.question());
        String summary = summary(l, r);
        Map<String, Object> data = data(r);
        if (forecast) {
            summary = Texts.pick(
                            l,
                            "A forecast is not available: this service reports only the current weather. ",
                            "Prognoza nie jest dostępna: ten serwis podaje tylko bieżącą pogodę. ")
                    + summary;
            data.put("asked", "forecast");
            data.put("unavailable", List.of("forecast"));
        }
        return ToolResult.of(summary, data);
    }

    /** Whether the question asks for future weather rather than the current one. */
    static boolean asksForecast(Optional<String> question) {
        return question.map(q -> FORECAST.matcher(Language.fold(q)).find()).orElse(false);
    }

    private static String summary(Language l, WeatherReport r) {
        String where = r.place() + r.country().map(c -> ", " + c).orElse("");
        var parts = new StringBuilder(Texts.number(l, r.temperatureCelsius(), 1) + " °C");
        r.windSpeedKmh()
                .ifPresent(w -> parts.append(", ")
                        .append(Texts.pick(l, "wind ", "wiatr "))
                        .append(Texts.number(l, w, 1))
                        .append(" km/h"));
        r.relativeHumidity()
                .ifPresent(h -> parts.append(", ")
                        .append(Texts.pick(l, "humidity ", "wilgotność "))
                        .append(Texts.number(l, h, 0))
                        .append("%"));
        if (r.weatherCode().isPresent()) {
            WeatherCodes.describe(l, r.weatherCode().getAsInt())
                    .ifPresent(d -> parts.append(", ").append(d));
        }
        return Texts.pick(l, "Weather in ", "Pogoda – ") + where + ": " + parts + ".";
    }

    private static LinkedHashMap<String, Object> data(WeatherReport r) {
        var data = new LinkedHashMap<String, Object>();
        data.put("place", r.place());
        r.country().ifPresent(c -> data.put("country", c));
        data.put("latitude", r.latitude());
        data.put("longitude", r.longitude());
        data.put("temperature_celsius", r.temperatureCelsius());
        r.windSpeedKmh().ifPresent(w -> data.put("wind_speed_kmh", w));
        r.relativeHumidity().ifPresent(h -> data.put("relative_humidity", h));
        r.weatherCode().ifPresent(c -> data.put("weather_code", c));
        data.put("observed_at", r.observedAt());
        data.put("source", r.source());
        return data;
    }
}
