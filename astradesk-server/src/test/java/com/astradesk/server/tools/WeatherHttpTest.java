package com.astradesk.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.RunningServer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.mcp.McpTestClients;
import com.astradesk.tools.testing.FakeHttpServer;
import com.astradesk.tools.testing.FakeHttpServer.Reply;
import com.astradesk.tools.weather.WeatherConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server wires the Open-Meteo backend from {@code WEATHER_URL}. The public service is not reachable here, so a
 * loopback fake serves Open-Meteo's documented geocoding ({@code /v1/search}) and forecast ({@code /v1/forecast})
 * answers.
 */
class WeatherHttpTest {
    private static final String GEOCODING = """
            {"results":[{"id":756135,"name":"Warsaw","latitude":52.22977,"longitude":21.01178,"elevation":113.0,
              "feature_code":"PPLC","country_code":"PL","timezone":"Europe/Warsaw","population":1702139,
              "country_id":798544,"country":"Poland","admin1":"Masovian Voivodeship"}],
             "generationtime_ms":0.9}""";
    private static final String FORECAST = """
            {"latitude":52.23,"longitude":21.01,"generationtime_ms":0.05,"utc_offset_seconds":3600,
             "timezone":"Europe/Warsaw","timezone_abbreviation":"GMT+1","elevation":113.0,
             "current_units":{"time":"iso8601","interval":"seconds","temperature_2m":"°C",
               "relative_humidity_2m":"%","wind_speed_10m":"km/h","weather_code":"wmo code"},
             "current":{"time":"2026-12-07T10:00","interval":900,"temperature_2m":-1.5,
               "relative_humidity_2m":87,"wind_speed_10m":14.2,"weather_code":71}}""";

    @TempDir
    Path home;

    @Test
    void should_answer_the_weather_from_the_open_meteo_endpoints_under_weather_url() throws Exception {
        try (FakeHttpServer meteo = new FakeHttpServer()) {
            meteo.on("/v1/search", r -> Reply.json(GEOCODING)).on("/v1/forecast", r -> Reply.json(FORECAST));
            try (RunningServer server =
                    new RunningServer(home, Map.of("WEATHER_URL", meteo.uri("").toString()))) {
                // when
                JsonNode run = server.run(server.token("alice", "viewer"), "ops", "What is the weather in Warsaw?");

                // then
                JsonNode step = RunningServer.step(run, "get_weather");
                assertThat(step.path("status").asText()).as(run.toString()).isEqualTo("ok");
                assertThat(step.at("/result/place").asText()).isEqualTo("Warsaw");
                assertThat(step.at("/result/temperature_celsius").asDouble()).isEqualTo(-1.5);
                assertThat(step.at("/result/source").asText()).isEqualTo("open-meteo");
                assertThat(meteo.requests())
                        .anySatisfy(r -> assertThat(r.query()).containsEntry("name", "Warsaw"))
                        .anySatisfy(r -> assertThat(r.query()).containsEntry("latitude", "52.22977"));
            }
        }
    }

    @Test
    void should_answer_a_clear_step_error_when_the_weather_service_is_unreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RunningServer server =
                new RunningServer(home, Map.of("WEATHER_URL", "http://127.0.0.1:" + port, "WEATHER_TIMEOUT", "2s"))) {
            // when
            JsonNode run = server.run(server.token("alice", "viewer"), "ops", "What is the weather in Warsaw?");

            // then
            JsonNode step = RunningServer.step(run, "get_weather");
            assertThat(step.path("status").asText()).isEqualTo("error");
            assertThat(step.path("error").asText()).contains("the weather service is unreachable");
        }
    }

    @Test
    void should_neither_register_nor_offer_get_weather_when_turned_off_and_say_it_is_not_available() {
        try (RunningServer server = new RunningServer(home, Map.of("WEATHER_URL", "none"))) {
            // given
            String token = server.token("sam", "sre");

            // when
            JsonNode tools = HttpHarness.json(server.http().get("/v1/tools", token));
            JsonNode agents = HttpHarness.json(server.http().get("/v1/agents", token));
            Map<String, String> mcpTools = mcpToolNames(server, token);
            JsonNode english = server.run(token, "ops", "What is the weather in Warsaw?");
            JsonNode polish = server.run(token, "ops", "Jaka jest pogoda w Krakowie?");

            // then
            assertThat(tools.get("tools"))
                    .extracting(t -> t.get("name").asText())
                    .contains("get_metrics", "restart_service")
                    .doesNotContain("get_weather");
            JsonNode ops = null;
            for (JsonNode agent : agents.get("agents")) {
                if (agent.get("name").asText().equals("ops")) {
                    ops = agent;
                }
            }
            assertThat(ops).isNotNull();
            assertThat(ops.get("tools")).extracting(JsonNode::asText).containsExactly("get_metrics", "restart_service");
            assertThat(ops.get("description").asText()).doesNotContainIgnoringCase("weather");
            assertThat(mcpTools.keySet()).contains("get_metrics").doesNotContain("get_weather");
            assertThat(mcpTools.get("ask_ops")).doesNotContainIgnoringCase("weather");
            assertThat(english.path("steps")).as(english.toString()).isEmpty();
            assertThat(english.path("output").asText()).contains("Weather is not available in this deployment.");
            assertThat(polish.path("steps")).isEmpty();
            assertThat(polish.path("output").asText()).contains("Pogoda nie jest dostępna w tym wdrożeniu.");
        }
    }

    /** The MCP tools the token sees, name → description. */
    private static Map<String, String> mcpToolNames(RunningServer server, String token) {
        McpSyncClient client =
                McpTestClients.bearer("http://127.0.0.1:" + server.port(), token, Duration.ofSeconds(20));
        try {
            client.initialize();
            return client.listTools().tools().stream()
                    .collect(java.util.stream.Collectors.toMap(McpSchema.Tool::name, McpSchema.Tool::description));
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void should_turn_the_tool_off_with_none_and_default_to_open_meteo() {
        // given
        AstraDeskConfig off = AstraDeskConfig.fromEnv(Map.of("WEATHER_URL", "none"));
        AstraDeskConfig unset = AstraDeskConfig.fromEnv(Map.of());

        // then
        assertThat(off.tools().weather()).isEmpty();
        WeatherConfig open = unset.tools().weather().orElseThrow();
        assertThat(open.forecastUrl()).isEqualTo(WeatherConfig.OPEN_METEO_FORECAST);
        assertThat(open.geocodingUrl()).isEqualTo(WeatherConfig.OPEN_METEO_GEOCODING);
        assertThat(open.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void should_refuse_to_start_with_a_bad_weather_url_or_timeout() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("WEATHER_URL", "ftp://meteo")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("WEATHER_URL must be a URL with scheme");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("WEATHER_TIMEOUT", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("WEATHER_TIMEOUT must be a duration");
    }
}
