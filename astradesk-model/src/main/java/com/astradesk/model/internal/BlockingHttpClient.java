package com.astradesk.model.internal;

import com.astradesk.core.telemetry.Telemetry;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.Timeout;

/**
 * The langchain4j HTTP transport of the providers' blocking chat calls: a call is written and its answer read on
 * the calling thread over a pool of keep-alive connections, with no hand-off to a selector or executor thread and
 * back (the JDK client's two wake-ups per call were the largest part of the model gateway's CPU per call,
 * docs/PERFORMANCE.md "Model gateway"): Apache HttpClient 5's classic client, for every origin (system proxy
 * settings apply, {@link ProxySelector#getDefault()}).
 * As {@link HeaderAwareHttpClient}, an error response becomes a {@link ProviderHttpException} that keeps the
 * {@code Retry-After} wait. Streaming is refused: the streaming models keep {@link HeaderAwareHttpClient}.
 * Thread-safe.
 */
final class BlockingHttpClient implements HttpClient, AutoCloseable {
    /** Connections kept per provider: far above the calls a gateway has in flight at once. */
    private static final int MAX_CONNECTIONS = 1024;

    private final CloseableHttpClient delegate;
    private final Clock clock = Clock.systemUTC();
    // the providers call one URL: its parsed form and route are kept (URI parsing was a visible cost per call)
    private volatile Route lastRoute;

    /** A URL, parsed. */
    private record Route(String text, URI uri) {}

    private BlockingHttpClient(TransportBuilder builder) {
        Timeout connect =
                Timeout.of(builder.connectTimeout() != null ? builder.connectTimeout() : Duration.ofSeconds(10));
        Timeout read = Timeout.of(builder.readTimeout() != null ? builder.readTimeout() : Duration.ofSeconds(60));
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setConnPoolPolicy(PoolReusePolicy.LIFO)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setTcpNoDelay(true)
                        .setSoTimeout(read)
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .build())
                .build();
        this.delegate = HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .build())
                // the gateway runs the one retry loop and follows nothing: each of these is per-call work
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .disableContentCompression()
                .build();
    }

    static TransportBuilder builder() {
        return new TransportBuilder(BlockingHttpClient::new);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new IllegalArgumentException("multipart requests are not supported by the model transport");
        }
        Route route = route(request.url());
        try {
            return delegate.execute(toApache(route, request), this::handle);
        } catch (InterruptedIOException e) {
            // a socket timeout, or the attempt's timeout interrupting the call
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SuccessfulHttpResponse handle(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        String body = entity == null ? "" : new String(EntityUtils.toByteArray(entity), StandardCharsets.UTF_8);
        return answer(response.getCode(), headers(response), body);
    }

    private SuccessfulHttpResponse answer(int status, Map<String, List<String>> headers, String body) {
        if (status < 200 || status >= 300) {
            throw new ProviderHttpException(status, body, RetryAfter.from(headers, clock));
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(status)
                .headers(headers)
                .body(body)
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new IllegalStateException("streaming needs the streaming models' client (HeaderAwareHttpClient)");
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    private HttpUriRequestBase toApache(Route route, HttpRequest request) {
        var http = new HttpUriRequestBase(request.method().name(), route.uri());
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> http.addHeader(name, value));
            }
        });
        Telemetry.global().propagationHeaders().forEach(http::setHeader);
        if (request.body() != null) {
            // the request's own Content-Type header (langchain4j sets it) is sent as is
            http.setEntity(new StringEntity(request.body(), (ContentType) null));
        }
        return http;
    }

    private Route route(String text) {
        Route last = lastRoute;
        if (last != null && last.text().equals(text)) {
            return last;
        }
        Route route = new Route(text, URI.create(text));
        lastRoute = route;
        return route;
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Header[] all = response.getHeaders();
        Map<String, List<String>> map = new HashMap<>(all.length * 2);
        for (Header header : all) {
            map.computeIfAbsent(header.getName(), name -> new ArrayList<>(1)).add(header.getValue());
        }
        return map;
    }
}
