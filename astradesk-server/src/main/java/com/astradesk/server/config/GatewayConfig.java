package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import com.astradesk.model.ModelConfig;
import com.astradesk.model.ModelConfigException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of {@code astradesk gateway}, the model gateway served as an OpenAI-compatible service. Immutable.
 *
 * @param server          listener: {@code GATEWAY_PORT} (default 8090; 0 picks a free port), {@code BIND_ADDRESS},
 *                        {@code ASTRADESK_ENV}, {@code HTTP_VIRTUAL_THREADS} as for the API server
 * @param auth            the token issuer ({@code OIDC_*}), exactly as for the API server
 * @param devIssuer       where the embedded dev issuer's key lives when no issuer is configured
 * @param store           {@code REDIS_URL}: budgets shared by every replica (in memory without it)
 * @param logging         {@code LOG_LEVEL}
 * @param observability   metrics and tracing settings, as for the API server
 * @param model           the provider behind the gateway ({@code MODEL_PROVIDER} and the other {@code MODEL_*}
 *                        settings; required)
 * @param tokensPerMinute {@code GATEWAY_TOKENS_PER_MINUTE}: each principal's budget of model tokens (prompt plus
 *                        completion) per minute, default 100000
 * @param failClosed      {@code RATE_LIMIT_FAILURE_MODE=closed}: refuse calls while Redis is down (default {@code open}:
 *                        let them through unmetered), as for the API server's rate limits
 */
public record GatewayConfig(
        ServerConfig server,
        AuthConfig auth,
        DevIssuerConfig devIssuer,
        StoreConfig store,
        LoggingConfig logging,
        ObservabilityConfig observability,
        ModelConfig model,
        long tokensPerMinute,
        boolean failClosed) {

    /** Default port of the gateway (the API server's is 8080). */
    public static final int DEFAULT_PORT = 8090;
    /** Default per-principal budget. */
    public static final int DEFAULT_TOKENS_PER_MINUTE = 100_000;

    public GatewayConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(devIssuer, "devIssuer");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(observability, "observability");
        Objects.requireNonNull(model, "model");
        if (tokensPerMinute < 1) {
            throw new IllegalArgumentException("tokensPerMinute must be >= 1, was " + tokensPerMinute);
        }
    }

    /**
     * Parses the environment.
     *
     * @throws ConfigException naming every invalid or missing variable
     */
    public static GatewayConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(Objects.requireNonNull(env, "env"));
        ConfigErrors errors = new ConfigErrors();
        ServerConfig base = errors.attempt(() -> ServerConfig.from(reader));
        Integer port = errors.attempt(() -> reader.integer("GATEWAY_PORT", DEFAULT_PORT, 0, 65535));
        DeploymentEnvironment environment = base == null ? DeploymentEnvironment.DEVELOPMENT : base.environment();
        AuthConfig auth = errors.attempt(() -> AuthConfig.from(reader, environment));
        DevIssuerConfig devIssuer = errors.attempt(() -> DevIssuerConfig.from(reader));
        StoreConfig store = errors.attempt(() -> StoreConfig.from(reader));
        LoggingConfig logging = errors.attempt(() -> LoggingConfig.from(reader));
        ObservabilityConfig observability = errors.attempt(() -> ObservabilityConfig.from(reader));
        ModelConfig model = errors.attempt(() -> model(env));
        Integer tokens = errors.attempt(
                () -> reader.integer("GATEWAY_TOKENS_PER_MINUTE", DEFAULT_TOKENS_PER_MINUTE, 1, 1_000_000_000));
        Boolean failClosed = errors.attempt(() -> SecurityConfig.failClosed(reader));
        errors.throwIfAny("invalid gateway configuration");
        ServerConfig server = new ServerConfig(
                base.bindAddress(),
                port,
                base.environment(),
                base.apiVersion(),
                ServerConfig.DEFAULT_MAX_BODY_BYTES * 16,
                base.virtualThreads());
        return new GatewayConfig(server, auth, devIssuer, store, logging, observability, model, tokens, failClosed);
    }

    /** Whether tokens come from the embedded dev issuer (no {@code OIDC_*}, not production). */
    public boolean embeddedAuth() {
        return auth.embeddedIn(server.environment());
    }

    /** The log format: {@code LOG_FORMAT}, else text in embedded mode and JSON otherwise. */
    public ObservabilityConfig.LogFormat logFormat() {
        return observability.effectiveLogFormat(embeddedAuth());
    }

    private static ModelConfig model(Map<String, String> env) {
        Optional<ModelConfig> model;
        try {
            model = ModelConfig.fromEnv(env);
        } catch (ModelConfigException e) {
            throw new ConfigException(e.setting(), e.getMessage());
        }
        return model.orElseThrow(() -> new ConfigException(
                "MODEL_PROVIDER",
                "the gateway needs a model provider: set MODEL_PROVIDER (openai, vllm, ollama or bedrock) and its"
                        + " MODEL_* settings"));
    }
}
