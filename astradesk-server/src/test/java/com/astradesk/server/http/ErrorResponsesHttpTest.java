package com.astradesk.server.http;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorResponsesHttpTest {
    private static final TestFixtures FIXTURES = new TestFixtures();
    private static final DevIssuer ISSUER = DevIssuer.ephemeral();
    private static final String SECRET_TEXT = "db password is hunter2";
    private static AstraDeskServer server;
    private static HttpHarness http;
    private static String token;

    /** An agent whose run fails with an unexpected exception carrying sensitive text. */
    private static final Agent BROKEN = new Agent() {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public String description() {
            return "always fails";
        }

        @Override
        public List<String> tools() {
            return List.of();
        }

        @Override
        public AgentResult run(AgentRequest request, Principal principal) {
            throw new IllegalStateException(SECRET_TEXT);
        }
    };

    /** An agent whose run journal is down: the documented dependency failure. */
    private static final Agent JOURNAL_DOWN = new Agent() {
        @Override
        public String name() {
            return "journal-down";
        }

        @Override
        public String description() {
            return "its journal is unreachable";
        }

        @Override
        public List<String> tools() {
            return List.of();
        }

        @Override
        public AgentResult run(AgentRequest request, Principal principal) {
            throw new AstraDeskException("connection to db-primary:5432 refused");
        }
    };

    @BeforeAll
    static void start() {
        List<Agent> agents = new ArrayList<>(FIXTURES.agents());
        agents.add(BROKEN);
        agents.add(JOURNAL_DOWN);
        server = AstraDeskServer.builder()
                .withAgents(agents)
                .withToolRegistry(FIXTURES.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(ISSUER))
                .build()
                .start();
        http = new HttpHarness(server);
        token = ISSUER.mint("carol", List.of("it.support"), List.of(), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:astradesk:problem:" + code);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("request_id").asText())
                .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{not json                                   | malformed_json |",
                "[1,2]                                       | malformed_json |",
                "{\"agent\":\"ops\",\"agent\":\"support\",\"input\":\"x\"} | malformed_json |",
                "{\"input\":\"hi\"}                          | missing_field  | agent",
                "{\"agent\":\"ops\"}                         | missing_field  | input",
                "{\"agent\":42,\"input\":\"hi\"}             | invalid_field  | agent",
                "{\"agent\":\"ops\",\"input\":[\"hi\"]}      | invalid_field  | input",
                "{\"agent\":\"ops\",\"input\":\"   \"}       | invalid_field  | input",
                "{\"agent\":\"ops\",\"input\":\"\"}          | invalid_field  | input",
                "{\"agent\":\"ops\",\"input\":\"a\\u0000b\"} | invalid_field  | input",
                "{\"agent\":\"ops\",\"input\":\"\\ud800\"}   | invalid_field  | input",
                "{\"agent\":\"ops\",\"input\":\"hi\",\"meta\":\"x\"} | invalid_field | meta",
            })
    void should_answer_400_naming_the_problem(String body, String code, String field) {
        HttpResponse<String> response = http.postJson("/v1/agents/run", token, body);

        assertProblem(response, 400, code);
        if (field != null) {
            assertThat(json(response).get("field").asText()).isEqualTo(field);
            assertThat(json(response).get("detail").asText()).contains(field);
        }
    }

    @Test
    void should_answer_400_listing_valid_agents_when_the_agent_is_unknown() {
        HttpResponse<String> response =
                http.postJson("/v1/agents/run", token, "{\"agent\":\"finance\",\"input\":\"hi\"}");

        assertProblem(response, 400, "unknown_agent");
        assertThat(json(response).get("detail").asText())
                .contains("finance")
                .contains("ops")
                .contains("support");
        assertThat(json(response).get("valid_agents"))
                .extracting(JsonNode::asText)
                .containsExactly("broken", "journal-down", "ops", "support");
    }

    @Test
    void should_answer_401_with_www_authenticate_when_the_token_is_missing() {
        HttpResponse<String> response = http.postJson("/v1/agents/run", null, "{\"agent\":\"ops\",\"input\":\"hi\"}");

        assertProblem(response, 401, "missing_token");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void should_answer_401_when_the_scheme_is_not_bearer() {
        HttpResponse<String> response = http.send(http.request("/v1/agents")
                .header("Authorization", "Basic YWxpY2U6c2VjcmV0")
                .GET());

        assertProblem(response, 401, "missing_token");
    }

    @Test
    void should_answer_401_invalid_token_without_echoing_the_token() {
        String garbage = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLXRleHQ.c2ln";

        HttpResponse<String> response = http.get("/v1/tools", garbage);

        assertProblem(response, 401, "invalid_token");
        assertThat(response.body()).doesNotContain(garbage).doesNotContain("c2VjcmV0LXRva2VuLXRleHQ");
    }

    @Test
    void should_answer_404_for_an_unknown_route() {
        assertProblem(http.get("/v2/nothing-here", token), 404, "not_found");
    }

    @Test
    void should_answer_405_for_a_wrong_method() {
        HttpResponse<String> response = http.send(http.request("/v1/agents/run").GET());

        assertProblem(response, 405, "method_not_allowed");
    }

    @Test
    void should_answer_413_when_the_body_is_over_64_kib() {
        String big = "{\"agent\":\"ops\",\"input\":\"" + "a".repeat(70 * 1024) + "\"}";

        assertProblem(http.postJson("/v1/agents/run", token, big), 413, "payload_too_large");
    }

    @Test
    void should_answer_415_when_the_content_type_is_not_json() {
        HttpResponse<String> response = http.send(http.request("/v1/agents/run")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"ops\",\"input\":\"hi\"}")));

        assertProblem(response, 415, "unsupported_media_type");
    }

    @Test
    void should_answer_500_without_exception_text_when_an_agent_fails_unexpectedly() {
        HttpResponse<String> response =
                http.postJson("/v1/agents/run", token, "{\"agent\":\"broken\",\"input\":\"hi\"}");

        assertProblem(response, 500, "internal_error");
        assertThat(response.body()).doesNotContain(SECRET_TEXT).doesNotContain("IllegalStateException");
    }

    @Test
    void should_answer_503_with_retry_after_and_no_internals_when_a_dependency_fails() {
        HttpResponse<String> response =
                http.postJson("/v1/agents/run", token, "{\"agent\":\"journal-down\",\"input\":\"hi\"}");

        assertProblem(response, 503, "service_unavailable");
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.body()).doesNotContain("db-primary");
    }

    @Test
    void should_echo_a_sane_request_id() {
        HttpResponse<String> response = http.send(
                http.request("/healthz").header("X-Request-ID", "abc-123._X").GET());

        assertThat(response.headers().firstValue("X-Request-ID")).contains("abc-123._X");
    }

    @ParameterizedTest
    @CsvSource({"has space", "semi;colon", "<script>"})
    void should_replace_an_insane_request_id(String id) {
        HttpResponse<String> response =
                http.send(http.request("/healthz").header("X-Request-ID", id).GET());

        assertThat(response.headers().firstValue("X-Request-ID"))
                .hasValueSatisfying(v -> assertThat(v).isNotEqualTo(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void should_replace_a_request_id_longer_than_128_characters() {
        String longId = "a".repeat(129);

        HttpResponse<String> response = http.send(
                http.request("/healthz").header("X-Request-ID", longId).GET());

        assertThat(response.headers().firstValue("X-Request-ID"))
                .hasValueSatisfying(v -> assertThat(v).isNotEqualTo(longId).hasSize(36));
    }

    @Test
    void should_generate_a_request_id_when_absent_and_put_it_in_problems() {
        HttpResponse<String> response = http.get("/v1/agents", null);

        String id = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(json(response).get("request_id").asText()).isEqualTo(id);
    }
}
