package com.astradesk.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The minimal HTTP/1.1 client against a scripted server on a raw socket (so every byte on the wire is ours). */
class PlainHttp11ClientTest {
    private ServerSocket listener;
    private Thread acceptor;
    private final LinkedBlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private PlainHttp11Client client;

    /** What the server writes for one request, and whether it then closes the connection. */
    private record Answer(String raw, boolean close) {}

    @BeforeEach
    void start() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "scripted-http");
        acceptor.setDaemon(true);
        acceptor.start();
        client = new PlainHttp11Client(
                URI.create("http://127.0.0.1:" + listener.getLocalPort()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        listener.close();
    }

    @Test
    void should_send_the_request_and_read_a_content_length_body_over_one_kept_connection() throws IOException {
        // given
        answers.add(new Answer(ok("{\"a\":1}"), false));
        answers.add(new Answer(ok("{\"b\":2}"), false));

        // when
        var first = client.send("POST", "/v1/chat/completions", json(), bytes("{\"q\":1}"));
        var second = client.send("POST", "/v1/chat/completions", json(), bytes("{\"q\":2}"));

        // then
        assertThat(first.status()).isEqualTo(200);
        assertThat(text(first.body())).isEqualTo("{\"a\":1}");
        assertThat(text(second.body())).isEqualTo("{\"b\":2}");
        assertThat(connections).hasValue(1);
        assertThat(requests.peek())
                .startsWith("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + listener.getLocalPort() + "\r\n")
                .contains("Content-Type: application/json\r\n", "Content-Length: 7\r\n")
                .endsWith("\r\n\r\n{\"q\":1}");
    }

    @Test
    void should_read_a_chunked_body_and_keep_the_headers() throws IOException {
        // given
        answers.add(new Answer(
                "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
                false));

        // when
        var response = client.send("POST", "/x", json(), bytes("{}"));

        // then
        assertThat(response.status()).isEqualTo(429);
        assertThat(text(response.body())).isEqualTo("hello world");
        assertThat(response.headers()).containsEntry("Retry-After", List.of("7"));
    }

    @Test
    void should_read_to_the_end_when_the_server_closes_without_a_length_and_not_reuse_that_connection()
            throws IOException {
        // given
        answers.add(new Answer("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil-close", true));
        answers.add(new Answer(ok("next"), false));

        // when
        var first = client.send("GET", "/", Map.of(), null);
        var second = client.send("GET", "/", Map.of(), null);

        // then
        assertThat(text(first.body())).isEqualTo("until-close");
        assertThat(text(second.body())).isEqualTo("next");
        assertThat(connections).hasValue(2);
    }

    @Test
    void should_retry_once_on_a_fresh_connection_when_a_kept_connection_was_closed_by_the_server() throws IOException {
        // given: the server answers, then closes the kept connection while it is idle
        answers.add(new Answer(ok("one"), true));
        answers.add(new Answer(ok("two"), false));
        client.send("POST", "/x", json(), bytes("{}"));

        // when
        var second = client.send("POST", "/x", json(), bytes("{}"));

        // then
        assertThat(text(second.body())).isEqualTo("two");
        assertThat(connections).hasValue(2);
    }

    @Test
    void should_time_out_when_the_server_does_not_answer() throws IOException {
        // given
        client.close();
        client = new PlainHttp11Client(
                URI.create("http://127.0.0.1:" + listener.getLocalPort()),
                Duration.ofSeconds(2),
                Duration.ofMillis(200));
        answers.add(new Answer(null, false)); // never answers

        // when / then
        assertThatThrownBy(() -> client.send("POST", "/x", json(), bytes("{}")))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void should_refuse_a_header_that_would_split_the_request() {
        assertThatThrownBy(() -> client.send("POST", "/x", Map.of("X-Evil", List.of("a\r\nInjected: 1")), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, List<String>> json() {
        return Map.of("Content-Type", List.of("application/json"));
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                Thread serving = new Thread(() -> serve(socket), "scripted-http-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            while (true) {
                String request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Answer answer = answers.poll(5, TimeUnit.SECONDS);
                if (answer == null || answer.raw() == null) {
                    Thread.sleep(1_000);
                    return;
                }
                out.write(answer.raw().getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (answer.close()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one request (head, then a Content-Length body); null at end of stream. */
    private static String readRequest(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
