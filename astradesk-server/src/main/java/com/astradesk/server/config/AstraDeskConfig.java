package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import com.astradesk.model.ModelConfig;
import com.astradesk.model.ModelConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's whole configuration, one small record per concern. Built from an environment map so tests
 * pass their own. Immutable.
 *
 * @param server    HTTP listener
 * @param auth      token verification
 * @param store     external services (unset = embedded)
 * @param logging   logging
 * @param devIssuer the embedded dev issuer's key location
 * @param knowledge embedder, start-up ingestion and retrieval settings
 * @param model     the planning model ({@code MODEL_*}), empty when {@code MODEL_PROVIDER} is unset or {@code none}
 * @param security  rate limits, idempotency, approvals, argument rules
 * @param observability log format and trace export
 * @param tools     the systems the built-in tools act on (tickets, weather, ...)
 * @param mcp       the MCP server at {@code /mcp} and the external MCP servers ({@code MCP_*})
 * @param console   how the web console signs people in with an external issuer
 * @param asyncRuns asynchronous runs: workers, lease, time to live ({@code ASYNC_RUN_*})
 * @param runAdmission how many synchronous runs execute at once and how long others queue ({@code RUN_CONCURRENCY},
 *                  {@code RUN_QUEUE_TIMEOUT})
 */
public record AstraDeskConfig(
        ServerConfig server,
        AuthConfig auth,
        StoreConfig store,
        LoggingConfig logging,
        DevIssuerConfig devIssuer,
        KnowledgeConfig knowledge,
        Optional<ModelConfig> model,
        SecurityConfig security,
        ObservabilityConfig observability,
        ToolBackendsConfig tools,
        McpConfig mcp,
        ConsoleConfig console,
        AsyncRunsConfig asyncRuns,
        RunAdmissionConfig runAdmission) {

    public AstraDeskConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(devIssuer, "devIssuer");
        Objects.requireNonNull(knowledge, "knowledge");
        model = Objects.requireNonNullElse(model, Optional.empty());
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(observability, "observability");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(mcp, "mcp");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(asyncRuns, "asyncRuns");
        Objects.requireNonNull(runAdmission, "runAdmission");
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
        ConfigErrors errors = new ConfigErrors();
        ServerConfig server = errors.attempt(() -> ServerConfig.from(reader));
        DeploymentEnvironment environment = server == null ? DeploymentEnvironment.DEVELOPMENT : server.environment();
        AuthConfig auth = errors.attempt(() -> AuthConfig.from(reader, environment));
        StoreConfig store = errors.attempt(() -> StoreConfig.from(reader));
        LoggingConfig logging = errors.attempt(() -> LoggingConfig.from(reader));
        DevIssuerConfig devIssuer = errors.attempt(() -> DevIssuerConfig.from(reader));
        Path home = devIssuer == null ? Path.of("").toAbsolutePath() : devIssuer.home();
        KnowledgeConfig knowledge = errors.attempt(() -> KnowledgeConfig.from(reader, home));
        Optional<ModelConfig> model = errors.attempt(() -> modelFromEnv(env));
        SecurityConfig security = errors.attempt(() -> SecurityConfig.from(reader, environment));
        ObservabilityConfig observability = errors.attempt(() -> ObservabilityConfig.from(reader));
        ToolBackendsConfig tools = errors.attempt(() -> ToolBackendsConfig.from(reader, store));
        McpConfig mcp = errors.attempt(() -> McpConfig.from(reader));
        ConsoleConfig console =
                errors.attempt(() -> ConsoleConfig.from(reader, auth == null ? Optional.empty() : auth.issuer()));
        AsyncRunsConfig asyncRuns = errors.attempt(() -> AsyncRunsConfig.from(reader));
        RunAdmissionConfig runAdmission = errors.attempt(() -> RunAdmissionConfig.from(reader));
        errors.throwIfAny("invalid configuration");
        return new AstraDeskConfig(
                server,
                auth,
                store,
                logging,
                devIssuer,
                knowledge,
                model,
                security,
                observability,
                tools,
                mcp,
                console,
                asyncRuns,
                runAdmission);
    }

    /** Whether the embedded dev issuer mints and its keys verify tokens. */
    public boolean embeddedAuth() {
        return auth.embeddedIn(server.environment());
    }

    /** The log format: {@code LOG_FORMAT}, else text in embedded mode and JSON otherwise. */
    public ObservabilityConfig.LogFormat logFormat() {
        return observability.effectiveLogFormat(embeddedAuth());
    }

    private static Optional<ModelConfig> modelFromEnv(Map<String, String> env) {
        try {
            return ModelConfig.fromEnv(env);
        } catch (ModelConfigException e) {
            throw new ConfigException(e.setting(), e.getMessage());
        }
    }
}
