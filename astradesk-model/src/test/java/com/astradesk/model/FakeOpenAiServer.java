package com.astradesk.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback port speaking the OpenAI chat-completions wire format. Responses are scripted
 * in order; when the script runs out the last {@linkplain #otherwise fallback} answers. Counts requests.
 */
final class FakeOpenAiServer implements AutoCloseable {

    /** One scripted reply. */
    record Reply(int status, Map<String, String> headers, String body, List<String> sseEvents, Duration delay) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of(), body, List.of(), Duration.ZERO);
        }

        Reply withHeader(String name, String value) {
            var h = new java.util.LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, sseEvents, delay);
        }

        Reply delayed(Duration d) {
            return new Reply(status, headers, body, sseEvents, d);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private volatile Reply otherwise = completion("ok", 1, 1);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<com.sun.net.httpserver.Headers> headers = new CopyOnWriteArrayList<>();

    FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    FakeOpenAiServer then(Reply reply) {
        script.add(reply);
        return this;
    }

    FakeOpenAiServer otherwise(Reply reply) {
        this.otherwise = reply;
        return this;
    }

    int requestCount() {
        return requests.get();
    }

    List<com.sun.net.httpserver.Headers> requestHeaders() {
        return new ArrayList<>(headers);
    }

    List<String> requestBodies() {
        return new ArrayList<>(bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        headers.add(exchange.getRequestHeaders());
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Reply reply = script.isEmpty() ? otherwise : script.poll();
        if (reply == null) {
            reply = otherwise;
        }
        try {
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (!reply.sseEvents().isEmpty()) {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (String event : reply.sseEvents()) {
                        out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
                return;
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (timeout test)
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A chat completion as OpenAI returns it. */
    static Reply completion(String content, int promptTokens, int completionTokens) {
        String escaped = com.astradesk.core.json.Json.write(content);
        return Reply.json(200, """
                {"id":"chatcmpl-abc123","object":"chat.completion","created":1732600000,"model":"gpt-4o-mini-2024-07-18",\
                "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},"logprobs":null,\
                "finish_reason":"stop"}],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d},\
                "system_fingerprint":"fp_0ba0d124f1"}""".formatted(escaped, promptTokens, completionTokens, promptTokens + completionTokens));
    }

    /** An OpenAI error body with the given status. */
    static Reply error(int status, String type, String message) {
        return Reply.json(status, """
                {"error":{"message":"%s","type":"%s","param":null,"code":null}}""".formatted(message, type));
    }

    /** A streamed completion: one chunk per piece, then the finish chunk, a usage chunk and [DONE]. */
    static Reply stream(List<String> pieces) {
        var events = new ArrayList<String>();
        String head = "{\"id\":\"chatcmpl-s1\",\"object\":\"chat.completion.chunk\",\"created\":1732600000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_0ba0d124f1\",";
        events.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
                + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
        for (String piece : pieces) {
            events.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                    + com.astradesk.core.json.Json.write(piece)
                    + "},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
        }
        events.add(head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":null}");
        events.add(head + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":" + pieces.size()
                + ",\"total_tokens\":" + (9 + pieces.size()) + "}}");
        events.add("[DONE]");
        return new Reply(200, Map.of(), "", events, Duration.ZERO);
    }
}
