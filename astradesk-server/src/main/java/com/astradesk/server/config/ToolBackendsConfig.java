package com.astradesk.server.config;

import com.astradesk.tools.weather.WeatherConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * The systems the built-in tools act on; whatever is not configured stays embedded (and says so). Immutable.
 *
 * @param tickets where tickets live ({@code TICKETS_BACKEND}, {@code JIRA_*})
 * @param weather the Open-Meteo endpoints ({@code WEATHER_URL}), empty when turned off with {@code none}
 */
public record ToolBackendsConfig(TicketsConfig tickets, Optional<WeatherConfig> weather) {
    public ToolBackendsConfig {
        Objects.requireNonNull(tickets, "tickets");
        weather = Objects.requireNonNullElse(weather, Optional.empty());
    }

    static ToolBackendsConfig from(EnvReader env, StoreConfig store) {
        boolean database = store != null && store.databaseUrl().isPresent();
        return new ToolBackendsConfig(TicketsConfig.from(env, database), WeatherSettings.from(env));
    }
}
