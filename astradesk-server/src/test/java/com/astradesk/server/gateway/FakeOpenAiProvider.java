package com.astradesk.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A model provider on a loopback port speaking OpenAI's chat-completions protocol: JSON answers, or
 * {@code chat.completion.chunk} events ending with {@code data: [DONE]} when the request asks to stream (with a usage
 * chunk when {@code stream_options.include_usage} is set). It answers {@code echo: <last user message>} (or the
 * {@linkplain #answer fixed answer}), reports 7 prompt tokens and one completion token per word, and records every
 * request. Scripted failures ({@link #fail}) answer first, in order.
 */
public final class FakeOpenAiProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prompt tokens every answer reports. */
    public static final int PROMPT_TOKENS = 7;

    /** A scripted failure. */
    record Failure(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Failure> failures = new ConcurrentLinkedDeque<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile String answer;
    private volatile String streamAnswer;
    private volatile int streamStatus = 200;

    public FakeOpenAiProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The base URL ({@code http://127.0.0.1:<port>/v1}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers {@code text} instead of the echo. */
    public FakeOpenAiProvider answer(String text) {
        this.answer = text;
        return this;
    }

    /** Streams {@code text} to requests that ask to stream (default: the same answer as the others). */
    public FakeOpenAiProvider streamAnswer(String text) {
        this.streamAnswer = text;
        return this;
    }

    /** Answers every request that asks to stream with this status and an OpenAI error body (200: streams again). */
    public FakeOpenAiProvider failStreams(int status) {
        this.streamStatus = status;
        return this;
    }

    /** Answers the next request with this status, headers and an OpenAI error body. */
    public FakeOpenAiProvider fail(int status, Map<String, String> headers) {
        failures.add(
                new Failure(
                        status,
                        headers,
                        "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        return this;
    }

    /** The JSON bodies received, in order. */
    public List<JsonNode> requests() {
        return new ArrayList<>(requests);
    }

    /** The {@code Authorization} headers received, in order. */
    public List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Failure failure = failures.poll();
            if (failure != null) {
                failure.headers()
                        .forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                send(exchange, failure.status(), "application/json", failure.body());
                return;
            }
            boolean streaming = request.path("stream").asBoolean(false);
            if (streaming && streamStatus != 200) {
                send(
                        exchange,
                        streamStatus,
                        "application/json",
                        "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}");
                return;
            }
            String text = streaming && streamAnswer != null
                    ? streamAnswer
                    : answer != null ? answer : "echo: " + lastUser(request);
            List<String> words = List.of(text.split("(?<= )"));
            if (streaming) {
                stream(
                        exchange,
                        words,
                        request.path("stream_options").path("include_usage").asBoolean(false));
            } else {
                ObjectNode body = head("chat.completion");
                ObjectNode choice = body.putArray("choices").addObject();
                choice.put("index", 0);
                ObjectNode message = choice.putObject("message");
                message.put("role", "assistant");
                message.put("content", text);
                message.putNull("refusal");
                choice.putNull("logprobs");
                choice.put("finish_reason", "stop");
                usage(body.putObject("usage"), words.size());
                send(exchange, 200, "application/json", JSON.writeValueAsString(body));
            }
        }
    }

    private static void stream(HttpExchange exchange, List<String> words, boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            List<ObjectNode> chunks = new ArrayList<>();
            chunks.add(chunk(delta -> delta.put("role", "assistant").put("content", ""), null));
            for (String word : words) {
                chunks.add(chunk(delta -> delta.put("content", word), null));
            }
            chunks.add(chunk(delta -> {}, "stop"));
            if (includeUsage) {
                ObjectNode last = head("chat.completion.chunk");
                last.putArray("choices");
                usage(last.putObject("usage"), words.size());
                chunks.add(last);
            }
            for (ObjectNode c : chunks) {
                out.write(("data: " + JSON.writeValueAsString(c) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ObjectNode chunk(java.util.function.Consumer<ObjectNode> delta, String finish) {
        ObjectNode body = head("chat.completion.chunk");
        ArrayNode choices = body.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        body.putNull("usage");
        return body;
    }

    private static ObjectNode head(String object) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-fake");
        body.put("object", object);
        body.put("created", 1_764_000_000L);
        body.put("model", "fake-model-2026-01-01");
        return body;
    }

    private static void usage(ObjectNode usage, int completion) {
        usage.put("prompt_tokens", PROMPT_TOKENS);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", PROMPT_TOKENS + completion);
    }

    private static String lastUser(JsonNode request) {
        String last = "";
        for (JsonNode m : request.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                last = m.path("content").asText();
            }
        }
        return last;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
