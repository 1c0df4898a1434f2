package com.astradesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Errors the HTTP container answers before any route runs are problem+json like every other error, checked
 * over a raw socket (the only way to send a malformed request) against the real server on port 0.
 */
class ContainerErrorsHttpTest {
    private static final TestFixtures FIXTURES = new TestFixtures();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUGE_TOKEN = "eyJ" + "a".repeat(40 * 1024);
    private static AstraDeskServer server;

    @BeforeAll
    static void start() {
        server = AstraDeskServer.builder()
                .withAgents(FIXTURES.agents())
                .withToolRegistry(FIXTURES.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(DevIssuer.ephemeral()))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A raw response: status, headers (lower-case names) and body. */
    private record Raw(int status, Map<String, String> headers, String body) {}

    private static Raw send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, split).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(
                        head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).trim());
            }
            return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(split + 4));
        }
    }

    private static void assertProblem(Raw raw, int status, String code) throws IOException {
        assertThat(raw.status()).as(raw.body()).isEqualTo(status);
        assertThat(raw.headers().get("content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(raw.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:astradesk:problem:" + code);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("request_id").asText())
                .isNotBlank()
                .isEqualTo(raw.headers().get("x-request-id"));
        assertThat(raw.body())
                .doesNotContain("<html")
                .doesNotContain("Exception")
                .doesNotContain("aaaaaaaa");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a URI over the limit           | GET /v1/URI HTTP/1.1                 | 414 | uri_too_long",
                "bad percent-encoding           | GET /v1/%zz HTTP/1.1                 | 400 | invalid_uri",
                "dot segments above the root    | GET /a/../../healthz HTTP/1.1        | 400 | invalid_uri",
                "a backslash in the path        | GET /a\\b HTTP/1.1                   | 400 | invalid_uri",
                "no HTTP version                | GET                                  | 400 | invalid_uri",
                "an unknown HTTP version        | GET /healthz HTTP/7.0                | 505 | http_version_not_supported",
            })
    void should_answer_a_malformed_request_line_with_a_problem(String what, String line, int status, String code)
            throws IOException {
        String requestLine = line.replace("/v1/URI", "/v1/" + "u".repeat(20_000));

        Raw raw = send(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertProblem(raw, status, code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no Host header                 | Connection: close                                      | 400 | malformed_request",
                "two Host headers               | Host: b                                                | 400 | malformed_request",
                "a space in a header name       | Bad Header: x                                          | 400 | malformed_request",
                "a Content-Length that is text  | Content-Length: ten                                    | 400 | malformed_request",
                "an Expect the server cannot meet | Expect: 100-maybe                                    | 417 | expectation_failed",
            })
    void should_answer_malformed_headers_with_a_problem(String what, String header, int status, String code)
            throws IOException {
        String host = header.startsWith("Connection") ? "" : "Host: a\r\n";

        Raw raw = send("POST /v1/agents/run HTTP/1.1\r\n" + host + header + "\r\nConnection: close\r\n\r\n");

        assertProblem(raw, status, code);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"GET", "POST", "DELETE", "PATCH"})
    void should_answer_oversized_headers_with_a_problem_for_any_method(String method) throws IOException {
        Raw raw = send(method + " /v1/agents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + HUGE_TOKEN
                + "\r\nConnection: close\r\n\r\n");

        assertProblem(raw, 431, "request_headers_too_large");
    }

    @Test
    void should_answer_a_40_kb_authorization_header_from_the_jdk_client_with_a_problem() {
        HttpResponse<String> response = new HttpHarness(server).get("/v1/agents", HUGE_TOKEN);

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ProblemMapper.PROBLEM_JSON);
        JsonNode problem = HttpHarness.json(response);
        assertThat(problem.get("code").asText()).isEqualTo("request_headers_too_large");
        assertThat(problem.get("request_id").asText())
                .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(response.body()).doesNotContain(HUGE_TOKEN.substring(0, 20));
    }

    @Test
    void should_keep_serving_well_formed_requests_on_other_connections() throws IOException {
        send("GET /v1/%zz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        Raw ok = send("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("ok");
    }
}
