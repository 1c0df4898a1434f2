package com.astradesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.ServerConfig;
import com.astradesk.server.support.internal.UnreadBodies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request refused before its body is read (over the size limit, no token, not JSON) gets its problem over a
 * connection that stays usable: the server reads and discards the rest of the body instead of closing the socket
 * with bytes unread, which would reset the connection under the client's feet.
 */
class RefusedBodyHttpTest {
    private static final DevIssuer ISSUER = DevIssuer.ephemeral();
    private static AstraDeskServer server;
    private static String viewer;

    @BeforeAll
    static void start() {
        TestFixtures fixtures = new TestFixtures();
        server = AstraDeskServer.builder()
                .withAgents(fixtures.agents())
                .withToolRegistry(fixtures.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(ISSUER))
                .build()
                .start();
        viewer = ISSUER.mint("victor", List.of("viewer"), List.of(), Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A response read off a kept-alive connection: status, headers (lower-case names), body. */
    private record Raw(int status, Map<String, String> headers, String body) {}

    private static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the connection ended before a response: " + head).isNotNegative();
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String post(String token, String contentType, int bodyBytes) {
        return "POST /v1/agents/run HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (token.isEmpty() ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Type: " + contentType + "\r\nContent-Length: " + bodyBytes + "\r\n\r\n";
    }

    private static byte[] body(int bytes) {
        String head = "{\"agent\":\"ops\",\"input\":\"";
        return (head + "x".repeat(bytes - head.length() - 2) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "over the size limit   | viewer | application/json | 200000 | 413 | payload_too_large",
                "no bearer token       |        | application/json | 60000  | 401 | missing_token",
                "not declared as JSON  | viewer | text/plain       | 60000  | 415 | unsupported_media_type",
            })
    void should_answer_a_refused_body_and_keep_the_connection(
            String what, String who, String contentType, int bodyBytes, int status, String code) throws IOException {
        String token = who == null ? "" : viewer;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int round = 0; round < 3; round++) {
                out.write(post(token, contentType, bodyBytes).getBytes(StandardCharsets.ISO_8859_1));
                out.write(body(bodyBytes));
                out.flush();

                Raw refused = read(in);
                assertThat(refused.status()).as(refused.body()).isEqualTo(status);
                assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
                assertThat(refused.body()).contains("\"code\":\"" + code + "\"");
                assertThat(refused.headers()).doesNotContainEntry("connection", "close");
            }
            // the same connection still serves the next request
            out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(read(in).status()).isEqualTo(200);
        }
    }

    @Test
    void should_close_the_connection_after_refusing_a_body_over_the_drain_bound() throws IOException {
        long declared = UnreadBodies.drainBound(ServerConfig.DEFAULT_MAX_BODY_BYTES) + 1;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /v1/agents/run HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + viewer
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();

            Raw refused = read(socket.getInputStream());
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.headers()).containsEntry("connection", "close");
        }
    }
}
