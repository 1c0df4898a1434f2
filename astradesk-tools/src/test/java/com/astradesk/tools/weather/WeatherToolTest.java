package com.astradesk.tools.weather;

import static com.astradesk.tools.testing.Calls.VIEWER;
import static com.astradesk.tools.testing.Calls.call;
import static com.astradesk.tools.testing.Calls.registry;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.tools.testing.Calls;
import com.astradesk.tools.testing.FakeHttpServer;
import com.astradesk.tools.testing.FakeHttpServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WeatherToolTest {
    private static final String WARSAW = "{\"results\":[{\"id\":756135,\"name\":\"Warsaw\",\"latitude\":52.22977,"
            + "\"longitude\":21.01178,\"country\":\"Poland\",\"timezone\":\"Europe/Warsaw\"}],"
            + "\"generationtime_ms\":0.5}";
    private static final String CURRENT = "{\"latitude\":52.23,\"longitude\":21.01,\"timezone\":\"Europe/Warsaw\","
            + "\"current_units\":{\"temperature_2m\":\"°C\",\"wind_speed_10m\":\"km/h\"},"
            + "\"current\":{\"time\":\"2026-11-26T11:00\",\"interval\":900,\"temperature_2m\":3.4,"
            + "\"relative_humidity_2m\":81,\"wind_speed_10m\":12.3,\"weather_code\":3}}";

    private final FakeHttpServer server;

    WeatherToolTest() throws IOException {
        server = new FakeHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ToolRegistry registryWith(WeatherBackend backend) {
        return registry(ToolProviderContext.builder()
                .withService(WeatherBackend.class, backend)
                .build());
    }

    private WeatherBackend httpBackend(Duration timeout) {
        return WeatherBackend.http(WeatherConfig.of(server.uri("/v1/search"), server.uri("/v1/forecast"))
                .withTimeout(timeout));
    }

    @Test
    void should_fail_clearly_when_no_weather_service_is_configured() {
        // given
        ToolRegistry registry = registry(ToolProviderContext.empty());

        // when
        ToolOutcome en = registry.execute(call("get_weather", Map.of("city", "Warsaw"), VIEWER));
        ToolOutcome pl = registry.execute(
                call("get_weather", Map.of("city", "Warszawa"), VIEWER, Language.PL, Optional.empty()));

        // then
        assertThat(en.status()).isEqualTo(CallStatus.ERROR);
        assertThat(en.error()).hasValue("weather service not configured");
        assertThat(en.result()).isEmpty();
        assertThat(pl.error()).hasValue("serwis pogodowy nie jest skonfigurowany");
    }

    @Test
    void should_report_the_current_weather_from_the_http_service() {
        // given
        server.on("/v1/search", r -> Reply.json(WARSAW)).on("/v1/forecast", r -> Reply.json(CURRENT));
        ToolRegistry registry = registryWith(httpBackend(Duration.ofSeconds(2)));

        // when
        ToolOutcome outcome = registry.execute(call("get_weather", Map.of("city", "Warsaw"), VIEWER));

        // then
        assertThat(outcome.status()).as("%s", outcome.error()).isEqualTo(CallStatus.OK);
        var result = outcome.result().orElseThrow();
        assertThat(result.summary())
                .isEqualTo("Weather in Warsaw, Poland: 3.4 °C, wind 12.3 km/h, humidity 81%, overcast.");
        assertThat(result.data())
                .containsEntry("place", "Warsaw")
                .containsEntry("temperature_celsius", 3.4)
                .containsEntry("wind_speed_kmh", 12.3)
                .containsEntry("weather_code", 3)
                .containsEntry("observed_at", "2026-11-26T11:00")
                .containsEntry("source", "open-meteo");
    }

    @Test
    void should_say_that_a_forecast_is_not_available_when_one_was_asked() {
        // given
        server.on("/v1/search", r -> Reply.json(WARSAW)).on("/v1/forecast", r -> Reply.json(CURRENT));
        ToolRegistry registry = registryWith(httpBackend(Duration.ofSeconds(2)));

        // when
        var en = registry.execute(Calls.asked(
                "get_weather", Map.of("city", "Warsaw"), VIEWER, Language.EN, "weather forecast for Warsaw tomorrow"));
        var pl = registry.execute(Calls.asked(
                "get_weather", Map.of("city", "Warszawa"), VIEWER, Language.PL, "Czy jutro będzie padać w Warszawie?"));
        var now = registry.execute(
                Calls.asked("get_weather", Map.of("city", "Warsaw"), VIEWER, Language.EN, "weather in Warsaw now"));

        // then
        assertThat(en.result().orElseThrow().summary())
                .isEqualTo("A forecast is not available: this service reports only the current weather. Weather in"
                        + " Warsaw, Poland: 3.4 °C, wind 12.3 km/h, humidity 81%, overcast.");
        assertThat(en.result().orElseThrow().data()).containsEntry("unavailable", java.util.List.of("forecast"));
        assertThat(pl.result().orElseThrow().summary())
                .startsWith("Prognoza nie jest dostępna: ten serwis podaje tylko bieżącą pogodę. Pogoda – Warsaw");
        assertThat(now.result().orElseThrow().summary()).startsWith("Weather in Warsaw");
        assertThat(now.result().orElseThrow().data()).doesNotContainKey("unavailable");
    }

    @Test
    void should_ask_for_the_city_then_its_coordinates() {
        // given
        server.on("/v1/search", r -> Reply.json(WARSAW)).on("/v1/forecast", r -> Reply.json(CURRENT));

        // when
        httpBackend(Duration.ofSeconds(2)).current("Zielona Góra & co");

        // then
        var requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).query())
                .containsEntry("name", "Zielona Góra & co")
                .containsEntry("count", "1");
        assertThat(requests.get(1).query())
                .containsEntry("latitude", "52.22977")
                .containsEntry("longitude", "21.01178")
                .containsEntry("temperature_unit", "celsius")
                .containsEntry("wind_speed_unit", "kmh");
        assertThat(requests.get(1).query().get("current")).contains("temperature_2m", "weather_code");
    }

    @Test
    void should_word_the_summary_in_polish() {
        // given
        server.on("/v1/search", r -> Reply.json(WARSAW)).on("/v1/forecast", r -> Reply.json(CURRENT));
        ToolRegistry registry = registryWith(httpBackend(Duration.ofSeconds(2)));

        // when
        ToolOutcome outcome = registry.execute(
                call("get_weather", Map.of("city", "Warszawa"), VIEWER, Language.PL, Optional.empty()));

        // then
        assertThat(outcome.result().orElseThrow().summary())
                .isEqualTo("Pogoda – Warsaw, Poland: 3,4 °C, wiatr 12,3 km/h, wilgotność 81%, pochmurno.");
    }

    @Test
    void should_report_an_unknown_city() {
        // given
        server.on("/v1/search", r -> Reply.json("{\"generationtime_ms\":0.2}"));
        ToolRegistry registry = registryWith(httpBackend(Duration.ofSeconds(2)));

        // when
        ToolOutcome outcome = registry.execute(call("get_weather", Map.of("city", "Atlantis"), VIEWER));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.error()).hasValue("city 'Atlantis' not found");
    }

    @Test
    void should_map_a_server_error_to_a_safe_message() {
        // given
        server.on("/v1/search", r -> Reply.json(WARSAW))
                .on("/v1/forecast", r -> Reply.status(500, "{\"reason\":\"stack trace at internal-host\"}"));
        ToolRegistry registry = registryWith(httpBackend(Duration.ofSeconds(2)));

        // when
        ToolOutcome outcome = registry.execute(call("get_weather", Map.of("city", "Warsaw"), VIEWER));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.error()).hasValue("the weather service answered HTTP 500");
    }

    @Test
    void should_time_out_with_a_safe_message() {
        // given
        server.on("/v1/search", r -> new Reply(200, WARSAW, 2_000));
        ToolRegistry registry = registryWith(httpBackend(Duration.ofMillis(200)));

        // when
        ToolOutcome outcome = registry.execute(call("get_weather", Map.of("city", "Warsaw"), VIEWER));

        // then
        assertThat(outcome.error()).hasValue("the weather service did not answer within 200 ms");
    }

    @Test
    void should_reject_a_forecast_without_temperature() {
        // given
        server.on("/v1/search", r -> Reply.json(WARSAW))
                .on("/v1/forecast", r -> Reply.json("{\"current\":{\"time\":\"2026-11-26T11:00\"}}"));

        // when
        ToolOutcome outcome = registryWith(httpBackend(Duration.ofSeconds(2)))
                .execute(call("get_weather", Map.of("city", "Warsaw"), VIEWER));

        // then
        assertThat(outcome.error())
                .hasValue("the weather service returned an unexpected response (no current temperature)");
    }
}
