package com.astradesk.model.internal;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;
import java.util.function.Function;

/**
 * The langchain4j {@link HttpClientBuilder} handed to the providers' model builders: it keeps the connect and read
 * timeouts they set and builds the transport with them ({@link BlockingHttpClient} for blocking calls,
 * {@link HeaderAwareHttpClient} for streams). Not thread-safe.
 */
final class TransportBuilder implements HttpClientBuilder {
    private final Function<TransportBuilder, HttpClient> transport;
    private Duration connectTimeout;
    private Duration readTimeout;

    TransportBuilder(Function<TransportBuilder, HttpClient> transport) {
        this.transport = transport;
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public TransportBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public TransportBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public HttpClient build() {
        return transport.apply(this);
    }
}
