package com.astradesk.server.support.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.config.ServerConfig;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chunk Javalin copies a response through ({@link JavalinServers#RESULT_COPY_BUFFER_BYTES}) changes nothing on
 * the wire: two servers configured alike, one with the previous 4 KiB chunk, answer every body size with the same
 * bytes and the same framing and encoding headers, with and without gzip.
 */
class ResultCopyBufferHttpTest {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Javalin current;
    private static Javalin previous;

    @BeforeAll
    static void start() {
        current = server(null);
        previous = server(4096);
    }

    @AfterAll
    static void stop() {
        current.stop();
        previous.stop();
    }

    private static Javalin server(Integer chunk) {
        return Javalin.create(cfg -> {
                    JavalinServers.configure(cfg, ServerConfig.ephemeral(), Duration.ZERO);
                    if (chunk != null) {
                        cfg.http.responseBufferSize = chunk;
                    }
                    cfg.routes.get(
                            "/body/{size}",
                            ctx -> ctx.contentType("application/json")
                                    .result(body(Integer.parseInt(ctx.pathParam("size")))));
                })
                .start();
    }

    /** Random JSON-safe text with some characters outside ASCII (more bytes than characters). */
    private static String body(int size) {
        Random random = new Random(size);
        StringBuilder s = new StringBuilder(size);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 {}[]:,\"ż€";
        while (s.length() < size) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @ParameterizedTest(name = "{0} characters, gzip {1}")
    @CsvSource({
        "0,false",
        "1,false",
        "1300,false",
        "1499,true",
        "1500,true",
        "2047,false",
        "2048,true",
        "2049,false",
        "4096,true",
        "4097,false",
        "8191,true",
        "8192,false",
        "8193,true",
        "20000,false",
        "32767,true",
        "32769,false",
        "100000,true",
        "100000,false"
    })
    void should_send_the_same_bytes_and_headers_as_with_the_previous_chunk(int size, boolean gzip) throws Exception {
        // when
        HttpResponse<byte[]> now = get(current, size, gzip);
        HttpResponse<byte[]> before = get(previous, size, gzip);

        // then
        assertThat(now.statusCode()).isEqualTo(200).isEqualTo(before.statusCode());
        assertThat(now.body()).isEqualTo(before.body());
        for (String header : List.of("content-length", "transfer-encoding", "content-encoding", "content-type")) {
            assertThat(now.headers().allValues(header))
                    .as(header)
                    .isEqualTo(before.headers().allValues(header));
        }
    }

    private static HttpResponse<byte[]> get(Javalin server, int size, boolean gzip) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/body/" + size));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
