package com.astradesk.server.answer;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.EventStream;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.gateway.FakeOpenAiProvider;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a model configured, the model writes the answer of a tool run too: the server runs against a fake
 * OpenAI-compatible provider (loopback, port 0) that plans {@code get_metrics} and streams the answer; the tool's
 * result — which says that the error rate is not available in embedded mode — is the model's numbered source
 * {@code [1]}. When the provider fails to answer, the templated answer is used, marked degraded.
 */
class ModelWrittenToolAnswerHttpTest {
    private static final String ANSWER =
            "payments-api has been up since the process started [1]. Its error rate is not available: the in-process"
                    + " metrics backend does not record errors; configure PROMETHEUS_URL to see it [1].";
    private static final String BODY = "{\"agent\":\"ops\",\"input\":\"what's the error rate of payments-api?\"}";

    @TempDir
    Path home;

    private FakeOpenAiProvider provider;
    private AstraDeskServer server;
    private HttpHarness http;
    private String token;

    @BeforeEach
    void start() throws IOException {
        provider = new FakeOpenAiProvider()
                .answer("{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"payments-api\","
                        + "\"window\":\"1h\"}}]}")
                .streamAnswer(ANSWER);
        server = ServerWiring.wire(AstraDeskConfig.fromEnv(Map.of(
                        "PORT", "0",
                        "BIND_ADDRESS", "127.0.0.1",
                        "ASTRADESK_HOME", home.toString(),
                        "EMBEDDING_MODEL", "hashing",
                        "MODEL_PROVIDER", "vllm",
                        "MODEL_NAME", "m",
                        "MODEL_BASE_URL", provider.baseUrl(),
                        "MODEL_MAX_RETRIES", "0")))
                .start();
        http = new HttpHarness(server);
        HttpResponse<String> minted = http.postJson("/dev/token", null, "{\"sub\":\"ann\",\"roles\":[\"viewer\"]}");
        token = json(minted).get("access_token").asText();
    }

    @AfterEach
    void stop() {
        server.close();
        provider.close();
    }

    private String answerPrompt() {
        return provider.requests().stream()
                .filter(r -> r.path("stream").asBoolean(false))
                .map(r -> r.path("messages").get(0).path("content").asText())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theModelWritesTheToolAnswerFromTheToolResultAndItStreams() {
        EventStream stream = http.stream("/v1/agents/run", token, BODY);

        List<String> deltas = stream.all("answer.delta").stream()
                .map(e -> e.json().get("text").asText())
                .toList();
        JsonNode completed = stream.first("run.completed").orElseThrow().json();
        assertThat(completed.get("used_tools")).extracting(JsonNode::asText).containsExactly("get_metrics");
        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(String.join("", deltas)).isEqualTo(ANSWER);
        assertThat(completed.get("output").asText()).isEqualTo(ANSWER);
        assertThat(completed.get("degraded").asBoolean()).isFalse();
        // the answer cites [1]: steps[0] backs it
        assertThat(completed.get("cited_steps")).extracting(JsonNode::asInt).containsExactly(0);
        // grounded: the tool's result is source [1], and it carries what could not be answered
        assertThat(answerPrompt())
                .contains(
                        "ONLY the numbered sources",
                        "[1] tool get_metrics",
                        "Error rate is not available from the in-process metrics backend");
    }

    @Test
    void aFailingProviderGivesTheTemplatedToolAnswerMarkedDegraded() {
        provider.failStreams(500);

        JsonNode run = json(http.postJson("/v1/agents/run", token, BODY));

        assertThat(run.get("used_tools")).extracting(JsonNode::asText).containsExactly("get_metrics");
        assertThat(run.get("degraded").asBoolean()).isTrue();
        assertThat(run.get("degraded_reason").asText()).contains("answer model failed");
        assertThat(run.get("cited_steps")).extracting(JsonNode::asInt).containsExactly(0);
        assertThat(run.get("output").asText())
                .startsWith("Metrics for payments-api, last 1h (in-process).")
                .contains("Error rate is not available from the in-process metrics backend");
    }

    @Test
    void citedStepsNameTheStepsTheAnswerCitesAndTheStreamEndsWithTheSameBody() throws IOException {
        // given: two steps, and an answer that cites only the second
        provider.close();
        server.close();
        provider = new FakeOpenAiProvider()
                .answer("{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"payments-api\"}},"
                        + "{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"webapp\"}}]}")
                .streamAnswer("webapp has been up since the process started [2].");
        server = ServerWiring.wire(AstraDeskConfig.fromEnv(Map.of(
                        "PORT", "0",
                        "BIND_ADDRESS", "127.0.0.1",
                        "ASTRADESK_HOME", home.toString(),
                        "EMBEDDING_MODEL", "hashing",
                        "MODEL_PROVIDER", "vllm",
                        "MODEL_NAME", "m",
                        "MODEL_BASE_URL", provider.baseUrl(),
                        "MODEL_MAX_RETRIES", "0")))
                .start();
        http = new HttpHarness(server);
        String body = "{\"agent\":\"ops\",\"input\":\"how long has webapp been up, and payments-api?\"}";

        // when
        JsonNode run = json(http.postJson("/v1/agents/run", token, body));
        JsonNode completed = http.stream("/v1/agents/run", token, body)
                .first("run.completed")
                .orElseThrow()
                .json();

        // then
        assertThat(run.get("steps")).hasSize(2);
        assertThat(run.get("cited_steps")).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(completed.get("cited_steps")).isEqualTo(run.get("cited_steps"));
        assertThat(iterable(completed.fieldNames())).containsExactlyElementsOf(iterable(run.fieldNames()));
    }

    @Test
    void aKnowledgeAnswerHasNoCitedSteps() {
        provider.answer("{\"steps\":[]}");

        JsonNode run = json(http.postJson("/v1/agents/run", token, "{\"agent\":\"ops\",\"input\":\"hello\"}"));

        assertThat(run.get("steps")).isEmpty();
        assertThat(run.has("cited_steps")).isFalse();
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
