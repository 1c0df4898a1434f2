package com.astradesk.server.wiring;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.config.ConfigException;
import com.astradesk.server.config.StoreConfig;
import com.astradesk.server.http.AstraDeskServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server from configuration: state ports (embedded in-memory when no service URL is set), the tool
 * registry (every {@link com.astradesk.core.spi.ToolProvider} on the class path), the reference agents, and the
 * token verifier (external OIDC issuer, or the embedded dev issuer). Stateless.
 */
public final class ServerWiring {
    private static final Logger LOG = LoggerFactory.getLogger(ServerWiring.class);

    private ServerWiring() {}

    /**
     * Wires a server (not started).
     *
     * @throws ConfigException when the configuration asks for something this build cannot provide
     */
    public static AstraDeskServer wire(AstraDeskConfig config) {
        EmbeddedPorts ports = ports(config.store());
        ServiceCatalog catalog = ServiceCatalog.defaults();
        ToolRegistry registry = ToolRegistry.builder()
                .withAuditSink(record -> ports.auditLog().append(List.of(record)))
                .withDiscoveredTools(toolContext(ports, catalog))
                .build();
        var builder = AstraDeskServer.builder()
                .withConfig(config.server())
                .withToolRegistry(registry)
                .withAgents(AgentWiring.referenceAgents(registry, ports, catalog));
        if (config.embeddedAuth()) {
            DevIssuer issuer = DevIssuer.loadOrCreate(config.devIssuer().keyFile());
            LOG.warn(
                    "embedded mode: tokens come from the local dev issuer (key {}); never use this in production",
                    config.devIssuer().keyFile());
            builder.withDevIssuer(issuer).withTokenVerifier(TokenVerifier.forDevIssuer(issuer));
        } else {
            builder.withTokenVerifier(TokenVerifier.forIssuer(config.auth()));
        }
        return builder.build();
    }

    /** Services tool providers may use; providers fall back to their embedded defaults for the rest. */
    static ToolProviderContext toolContext(EmbeddedPorts ports, ServiceCatalog catalog) {
        return ToolProviderContext.builder()
                .with(Clock.class, Clock.systemUTC())
                .with(ServiceCatalog.class, catalog)
                .with(LockService.class, ports.locks())
                .build();
    }

    /** The state ports: embedded when no service URL is set. */
    static EmbeddedPorts ports(StoreConfig store) {
        List<String> unsupported = new ArrayList<>();
        store.databaseUrl().ifPresent(u -> unsupported.add("DATABASE_URL"));
        store.redisUrl().ifPresent(u -> unsupported.add("REDIS_URL"));
        store.natsUrl().ifPresent(u -> unsupported.add("NATS_URL"));
        if (!unsupported.isEmpty()) {
            throw new ConfigException(
                    unsupported,
                    String.join(", ", unsupported) + " set, but this server build has no adapter wired for it yet;"
                            + " unset it to run on the embedded in-memory implementation");
        }
        return EmbeddedPorts.inMemory();
    }
}
