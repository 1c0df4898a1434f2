package com.astradesk.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The server's whole configuration, one small record per concern. Built from an environment map so tests
 * pass their own. Immutable.
 *
 * @param server    HTTP listener
 * @param auth      token verification
 * @param store     external services (unset = embedded)
 * @param logging   logging
 * @param devIssuer the embedded dev issuer's key location
 * @param security  rate limits, idempotency, approvals, argument rules
 */
public record AstraDeskConfig(
        ServerConfig server,
        AuthConfig auth,
        StoreConfig store,
        LoggingConfig logging,
        DevIssuerConfig devIssuer,
        SecurityConfig security) {

    public AstraDeskConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(devIssuer, "devIssuer");
        Objects.requireNonNull(security, "security");
    }

    /**
     * Parses the environment.
     *
     * @param env variable names to values (e.g. {@link System#getenv()})
     * @return the configuration
     * @throws ConfigException naming every invalid or missing variable
     */
    public static AstraDeskConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(Objects.requireNonNull(env, "env"));
        List<ConfigException> errors = new ArrayList<>();
        ServerConfig server = attempt(() -> ServerConfig.from(reader), errors);
        DeploymentEnvironment environment = server == null ? DeploymentEnvironment.DEVELOPMENT : server.environment();
        AuthConfig auth = attempt(() -> AuthConfig.from(reader, environment), errors);
        StoreConfig store = attempt(() -> StoreConfig.from(reader), errors);
        LoggingConfig logging = attempt(() -> LoggingConfig.from(reader), errors);
        DevIssuerConfig devIssuer = attempt(() -> DevIssuerConfig.from(reader), errors);
        SecurityConfig security = attempt(() -> SecurityConfig.from(reader, environment), errors);
        if (!errors.isEmpty()) {
            List<String> variables = errors.stream()
                    .flatMap(e -> e.variables().stream())
                    .distinct()
                    .toList();
            String message = errors.stream()
                    .map(ConfigException::getMessage)
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("invalid configuration");
            throw new ConfigException(variables, "invalid configuration: " + message);
        }
        return new AstraDeskConfig(server, auth, store, logging, devIssuer, security);
    }

    /** Whether the embedded dev issuer mints and its keys verify tokens. */
    public boolean embeddedAuth() {
        return auth.embedded() && server.environment() != DeploymentEnvironment.PRODUCTION;
    }

    private static <T> T attempt(Supplier<T> parse, List<ConfigException> errors) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            errors.add(e);
            return null;
        }
    }
}
