package com.astradesk.model.internal;

import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelTimeoutException;
import com.astradesk.core.model.ProviderOverloadedException;
import com.astradesk.core.model.ProviderServerException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Maps whatever a langchain4j model (and the transport under it) threw to the gateway's typed model
 * exceptions. Never copies a provider's response body into a message (it may echo the prompt or a key).
 */
final class ProviderErrors {
    private ProviderErrors() {}

    static ModelException map(String provider, Duration timeout, Throwable failure) {
        if (failure instanceof ModelException model) {
            return model;
        }
        Optional<Duration> retryAfter =
                find(failure, ProviderHttpException.class).flatMap(ProviderHttpException::retryAfter);
        Optional<HttpException> http = find(failure, HttpException.class);
        if (http.isPresent()) {
            return byStatus(provider, http.get().statusCode(), retryAfter);
        }
        if (find(failure, RateLimitException.class).isPresent()) {
            return new ProviderOverloadedException(provider, retryAfter);
        }
        if (find(failure, TimeoutException.class).isPresent()
                || find(failure, HttpTimeoutException.class).isPresent()
                || find(failure, java.util.concurrent.TimeoutException.class).isPresent()) {
            return new ModelTimeoutException(provider, timeout);
        }
        if (find(failure, InternalServerException.class).isPresent()) {
            return new ProviderServerException(provider, 0, true, "internal server error");
        }
        if (find(failure, AuthenticationException.class).isPresent()) {
            return new ProviderServerException(provider, 0, false, "authentication failed");
        }
        if (find(failure, ModelNotFoundException.class).isPresent()) {
            return new ProviderServerException(provider, 0, false, "model not found");
        }
        if (find(failure, InvalidRequestException.class).isPresent()) {
            return new ProviderServerException(provider, 0, false, "request rejected");
        }
        Optional<IOException> io = find(failure, IOException.class);
        if (io.isPresent()) {
            return new ProviderServerException(
                    provider,
                    0,
                    true,
                    "connection failed (" + io.get().getClass().getSimpleName() + ")");
        }
        return new ProviderServerException(
                provider, 0, false, "unexpected " + failure.getClass().getSimpleName());
    }

    static ModelException byStatus(String provider, int status, Optional<Duration> retryAfter) {
        if (status == 429 || (status == 503 && retryAfter.isPresent())) {
            return new ProviderOverloadedException(provider, retryAfter);
        }
        if (status == 408) {
            return new ProviderServerException(provider, status, true, "request timeout");
        }
        if (status >= 500) {
            return new ProviderServerException(provider, status, true, "server error");
        }
        return new ProviderServerException(
                provider,
                status,
                false,
                switch (status) {
                    case 401, 403 -> "authentication failed";
                    case 404 -> "model or endpoint not found";
                    default -> "request rejected";
                });
    }

    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            t = t.getCause();
        }
        return Optional.empty();
    }
}
