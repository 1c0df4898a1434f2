package com.astradesk.model.internal;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP error response that keeps what langchain4j's {@link HttpException} drops: the wait named by
 * {@code Retry-After}. Thrown by {@link HeaderAwareHttpClient} and {@link BlockingHttpClient}; langchain4j wraps it, and {@link ProviderErrors}
 * finds it again in the cause chain.
 */
final class ProviderHttpException extends HttpException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<Duration> retryAfter;

    ProviderHttpException(int statusCode, String body, Optional<Duration> retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    Optional<Duration> retryAfter() {
        return retryAfter == null ? Optional.empty() : retryAfter;
    }
}
