package com.astradesk.core.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider refused the call because it is rate limited or overloaded (HTTP 429). Carries the wait the
 * provider suggested ({@code Retry-After}), so callers can pass it on to their own clients.
 */
public class ProviderOverloadedException extends ModelException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final transient Optional<Duration> retryAfter;

    /**
     * @param provider   the provider that refused the call
     * @param retryAfter the wait it suggested, when it named one
     */
    public ProviderOverloadedException(String provider, Optional<Duration> retryAfter) {
        super("model provider '" + provider + "' is overloaded"
                + Objects.requireNonNull(retryAfter, "retryAfter")
                        .map(d -> "; retry after " + d.toMillis() + " ms")
                        .orElse(""));
        this.provider = Objects.requireNonNull(provider, "provider");
        this.retryAfter = retryAfter;
    }

    /** The provider that refused the call. */
    public String provider() {
        return provider;
    }

    /** The wait the provider suggested ({@code Retry-After}), when it named one. */
    public Optional<Duration> retryAfter() {
        return retryAfter == null ? Optional.empty() : retryAfter;
    }
}
