package com.astradesk.server.answer;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool answers say what was asked and what could not be answered: an error-rate question to the ops agent in
 * embedded mode (in-process metrics, no {@code PROMETHEUS_URL}) is answered with the uptime it has and says, in the
 * question's language, that error data is not available and how to get it.
 */
class ToolAnswerHttpTest {
    @TempDir
    Path home;

    private AstraDeskServer server;
    private HttpHarness http;
    private String token;

    @BeforeEach
    void start() {
        server = ServerWiring.wire(AstraDeskConfig.fromEnv(
                        Map.of("PORT", "0", "BIND_ADDRESS", "127.0.0.1", "ASTRADESK_HOME", home.toString())))
                .start();
        http = new HttpHarness(server);
        HttpResponse<String> minted = http.postJson("/dev/token", null, "{\"sub\":\"ann\",\"roles\":[\"viewer\"]}");
        token = json(minted).get("access_token").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode run(String input) {
        HttpResponse<String> response =
                http.postJson("/v1/agents/run", token, "{\"agent\":\"ops\",\"input\":\"" + input + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    @Test
    void anErrorRateQuestionSaysThatErrorDataIsNotAvailableInProcess() {
        JsonNode run = run("what's the error rate of payments-api?");

        assertThat(run.get("used_tools")).extracting(JsonNode::asText).containsExactly("get_metrics");
        assertThat(run.get("output").asText())
                .contains(
                        "Error rate is not available from the in-process metrics backend",
                        "configure PROMETHEUS_URL",
                        "Available: uptime");
        assertThat(run.get("steps").get(0).get("result").get("unavailable"))
                .extracting(JsonNode::asText)
                .containsExactly("error_ratio");
    }

    @Test
    void aPolishErrorQuestionIsAnsweredInPolish() {
        JsonNode run = run("ile błędów ma payments-api w ostatniej godzinie?");

        assertThat(run.get("output").asText())
                .startsWith("Metryki payments-api, ostatnie 1h (in-process).")
                .contains("Niedostępne w backendzie metryk in-process: odsetek błędów", "ustaw PROMETHEUS_URL");
    }
}
