package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.util.Objects;

/**
 * HTTP listener settings. Immutable.
 *
 * @param bindAddress  interface to bind ({@code BIND_ADDRESS}, default {@code 0.0.0.0})
 * @param port         TCP port ({@code PORT}, default 8080; 0 picks a free port)
 * @param environment  {@code ASTRADESK_ENV}, default development
 * @param apiVersion   {@code API_VERSION}, default {@code v1}; sent as {@code X-API-Version} and in the OpenAPI info
 * @param maxBodyBytes largest accepted request body (64 KiB)
 * @param virtualThreads {@code HTTP_VIRTUAL_THREADS} (default true): requests run on virtual threads when the JDK has
 *                     them (21+); on JDK 17 the server keeps its platform thread pool either way
 */
public record ServerConfig(
        String bindAddress,
        int port,
        DeploymentEnvironment environment,
        String apiVersion,
        int maxBodyBytes,
        boolean virtualThreads) {

    /** Largest accepted request body. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(apiVersion, "apiVersion");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
    }

    /** Loopback on a free port, development environment: what tests use. */
    public static ServerConfig ephemeral() {
        return new ServerConfig("127.0.0.1", 0, DeploymentEnvironment.TEST, "v1", DEFAULT_MAX_BODY_BYTES, true);
    }

    static ServerConfig from(EnvReader env) {
        String apiVersion = env.string("API_VERSION", "v1");
        if (!apiVersion.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new ConfigException("API_VERSION", "API_VERSION must be 1..32 characters of [A-Za-z0-9._-]");
        }
        String env0 = env.string("ASTRADESK_ENV", "development");
        return new ServerConfig(
                env.string("BIND_ADDRESS", "0.0.0.0"),
                env.integer("PORT", 8080, 0, 65535),
                DeploymentEnvironment.parse(env0),
                apiVersion,
                DEFAULT_MAX_BODY_BYTES,
                env.bool("HTTP_VIRTUAL_THREADS", true));
    }
}
