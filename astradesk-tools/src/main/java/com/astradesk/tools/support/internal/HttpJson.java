package com.astradesk.tools.support.internal;

import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.tool.ToolFailureException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exchanges JSON with an HTTP backend with the JDK client and turns every failure into a {@link ToolFailureException}
 * whose message names the backend and the condition only: never the URL (it may carry credentials) nor the
 * response body. The JDK client (its selector thread, about a tenth of a second of CPU at server start) is built on
 * the first request, not with the backend: a tool that is never called costs nothing at start. Thread-safe.
 */
public final class HttpJson {
    private static final Logger LOG = LoggerFactory.getLogger(HttpJson.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private volatile HttpClient client;
    private final String tool;
    private final String backendName;
    private final Duration timeout;
    private final Optional<String> authorization;

    /**
     * @param tool          the tool name failures are reported for
     * @param backendName   the backend as users know it, e.g. {@code "Prometheus"}
     * @param timeout       connect and per-request timeout
     * @param authorization an {@code Authorization} header value, if the backend needs one
     */
    public HttpJson(String tool, String backendName, Duration timeout, Optional<String> authorization) {
        this.tool = tool;
        this.backendName = backendName;
        this.timeout = timeout;
        this.authorization = authorization;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    /** {@code base} with the query parameters appended (URL-encoded), keeping any query it already has. */
    public static URI withQuery(URI base, Map<String, String> params) {
        var joiner = new StringJoiner("&");
        params.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
        String s = base.toString();
        String sep = base.getRawQuery() == null ? "?" : "&";
        return URI.create(s + sep + joiner);
    }

    /** {@code base} with {@code path} appended, avoiding a doubled slash. */
    public static URI resolve(URI base, String path) {
        String s = base.toString();
        if (s.endsWith("/") && path.startsWith("/")) {
            return URI.create(s + path.substring(1));
        }
        return URI.create(s + path);
    }

    /**
     * Starts a GET and parses the 2xx body as JSON.
     *
     * @param accept2xxOnly when false, 4xx/5xx bodies are parsed too (APIs such as Prometheus explain errors
     *     in JSON); the status is still checked by {@link #checkStatus}
     */
    public CompletableFuture<Response> getAsync(URI uri, boolean accept2xxOnly) {
        return sendAsync(uri, "GET", Optional.empty(), accept2xxOnly);
    }

    /**
     * Sends a request with an optional JSON body and parses the answer as JSON (an empty body as
     * {@code null} node).
     *
     * @param method        {@code GET}, {@code POST}, {@code PUT}, ...
     * @param body          the JSON body, if any
     * @param accept2xxOnly as for {@link #getAsync}
     */
    public CompletableFuture<Response> sendAsync(
            URI uri, String method, Optional<JsonNode> body, boolean accept2xxOnly) {
        HttpRequest request;
        try {
            var builder = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
            if (body.isPresent()) {
                builder.header("Content-Type", "application/json")
                        .method(
                                method,
                                HttpRequest.BodyPublishers.ofString(body.get().toString(), StandardCharsets.UTF_8));
            } else {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
            authorization.ifPresent(a -> builder.header("Authorization", a));
            Telemetry.global().propagationHeaders().forEach(builder::setHeader);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new ToolFailureException(tool, backendName + " URL is not usable; check the configuration", e));
        }
        return client().sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        throw failure(error);
                    }
                    if (accept2xxOnly) {
                        checkStatus(response.statusCode());
                    }
                    return new Response(response.statusCode(), parse(response.body(), response.statusCode()));
                });
    }

    /** A blocking request; the answer's status is left to the caller. */
    public Response send(URI uri, String method, Optional<JsonNode> body) {
        return await(sendAsync(uri, method, body, false));
    }

    /** A blocking GET of a JSON document that must answer 2xx. */
    public JsonNode get(URI uri) {
        return await(getAsync(uri, true)).body();
    }

    /** Waits for a response started by {@link #getAsync}, unwrapping failures. */
    public <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolFailureException(tool, "call to " + backendName + " was interrupted", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /** Throws when the status is not 2xx. */
    public void checkStatus(int status) {
        if (status < 200 || status > 299) {
            throw new ToolFailureException(tool, backendName + " answered HTTP " + status);
        }
    }

    /** The tool failures are reported for. */
    public String tool() {
        return tool;
    }

    /** A failure reported by the backend inside a well-formed answer, e.g. Prometheus' {@code errorType}. */
    public ToolFailureException backendError(String what) {
        return new ToolFailureException(tool, backendName + " reported an error: " + what);
    }

    /** The answer did not have the documented shape. */
    public ToolFailureException unexpected(String what) {
        return new ToolFailureException(tool, backendName + " returned an unexpected response (" + what + ")");
    }

    /** The body as JSON; a non-JSON error body (e.g. a proxy's HTML page) as {@code null}, left to the status check. */
    private JsonNode parse(String body, int status) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            if (status < 200 || status > 299) {
                return NullNode.getInstance();
            }
            throw unexpected("not JSON");
        }
    }

    private ToolFailureException failure(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ToolFailureException tfe) {
            return tfe;
        }
        if (e instanceof HttpTimeoutException) {
            return new ToolFailureException(
                    tool, backendName + " did not answer within " + timeout.toMillis() + " ms", e);
        }
        if (e instanceof IOException) {
            LOG.debug("{} unreachable: {}", backendName, e.toString());
            return new ToolFailureException(tool, backendName + " is unreachable", e);
        }
        LOG.warn("call to {} failed", backendName, e);
        return new ToolFailureException(tool, "call to " + backendName + " failed", e);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A parsed answer. */
    public record Response(int status, JsonNode body) {}
}
