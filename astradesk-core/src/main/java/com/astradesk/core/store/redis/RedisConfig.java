package com.astradesk.core.store.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis stores. Immutable; use {@link #of(String)} and the {@code with*} methods.
 *
 * @param url            {@code redis://[user:password@]host[:port][/db]} or {@code rediss://...}; shown
 *                       only without credentials
 * @param timeout        connect and socket timeout (≥ 50 ms)
 * @param maxConnections pool size (≥ 1)
 */
public record RedisConfig(String url, Duration timeout, int maxConnections) {
    /** Default timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** Default pool size. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;

    public RedisConfig {
        Objects.requireNonNull(url, "url");
        URI uri = parse(url);
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Redis URL must start with redis:// or rediss://, was " + redacted(url));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Redis URL has no host: " + redacted(url));
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 50) {
            throw new IllegalArgumentException("timeout must be >= 50ms, was " + timeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
        }
    }

    /** A config for {@code url} with default timeout and pool size. */
    public static RedisConfig of(String url) {
        return new RedisConfig(url, DEFAULT_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /** A copy with another timeout. */
    public RedisConfig withTimeout(Duration newTimeout) {
        return new RedisConfig(url, newTimeout, maxConnections);
    }

    /** A copy with another pool size. */
    public RedisConfig withMaxConnections(int size) {
        return new RedisConfig(url, timeout, size);
    }

    /** The URL with user and password masked. */
    public String redactedUrl() {
        return redacted(url);
    }

    /** Never shows credentials. */
    @Override
    public String toString() {
        return "RedisConfig[url=" + redactedUrl() + ", timeout=" + timeout + ", maxConnections=" + maxConnections + "]";
    }

    private static URI parse(String url) {
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed Redis URL: " + redacted(url), e);
        }
    }

    private static String redacted(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }
}
