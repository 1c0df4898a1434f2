package com.astradesk.model.internal;

import com.astradesk.core.telemetry.Telemetry;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * The langchain4j HTTP transport of the OpenAI-compatible and Ollama providers' streaming calls, on the JDK client (their
 * blocking calls use {@link BlockingHttpClient}). It differs
 * from langchain4j's own JDK client in one way: an error response becomes a {@link ProviderHttpException} that
 * keeps the {@code Retry-After} wait, so the gateway's retry loop can honour it. Thread-safe.
 */
final class HeaderAwareHttpClient implements HttpClient {
    private final java.net.http.HttpClient delegate;
    private final Duration readTimeout;
    private final Clock clock;

    private HeaderAwareHttpClient(TransportBuilder builder) {
        // HTTP/1.1: providers are HTTP/1.1 or TLS with ALPN; the JDK's default (HTTP/2) would add an h2c upgrade
        // offer to every plain-http request
        var jdk = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1);
        if (builder.connectTimeout() != null) {
            jdk.connectTimeout(builder.connectTimeout());
        }
        this.delegate = jdk.build();
        this.readTimeout = builder.readTimeout();
        this.clock = Clock.systemUTC();
    }

    static TransportBuilder builder() {
        return new TransportBuilder(HeaderAwareHttpClient::new);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            HttpResponse<String> response = delegate.send(toJdk(request), BodyHandlers.ofString());
            if (!successful(response.statusCode())) {
                throw error(response.statusCode(), response.body(), response);
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .body(response.body())
                    .build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        delegate.sendAsync(toJdk(request), BodyHandlers.ofInputStream())
                .thenAccept(response -> {
                    if (!successful(response.statusCode())) {
                        quietly(() -> listener.onError(error(response.statusCode(), read(response), response)));
                        return;
                    }
                    quietly(() -> listener.onOpen(SuccessfulHttpResponse.builder()
                            .statusCode(response.statusCode())
                            .headers(response.headers().map())
                            .build()));
                    try (InputStream body = response.body()) {
                        parser.parse(body, listener);
                        quietly(listener::onClose);
                    } catch (IOException e) {
                        quietly(() -> listener.onError(e));
                    }
                })
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    Throwable mapped = cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause;
                    quietly(() -> listener.onError(mapped));
                    return null;
                });
    }

    private ProviderHttpException error(int status, String body, HttpResponse<?> response) {
        return new ProviderHttpException(
                status, body, RetryAfter.from(response.headers().map(), clock));
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new IllegalArgumentException("multipart requests are not supported by the model transport");
        }
        var builder = java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        Telemetry.global().propagationHeaders().forEach(builder::setHeader);
        builder.method(
                request.method().name(),
                request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        return builder.build();
    }

    private static boolean successful(int status) {
        return status >= 200 && status < 300;
    }

    private static String read(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // a listener failure must not break the transport; the gateway sees the outcome through its future
        }
    }
}
