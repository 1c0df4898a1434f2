package com.astradesk.server.wiring;

import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.config.SecurityConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.security.RateLimitedToolRegistry;
import com.astradesk.server.security.ServerSecurity;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server from configuration: state ports ({@link ServerStores}: in memory for each unset service
 * URL), the tool
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
        ServerStores stores = ServerStores.open(config.store());
        try {
            StatePorts ports = stores.ports();
            ServiceCatalog catalog = ServiceCatalog.defaults();
            SecurityConfig security = config.security();
            ToolRegistry base = ToolRegistry.builder()
                    .withAuditSink(record -> ports.auditLog().append(List.of(record)))
                    .withPolicy(SecurityWiring.toolPolicy(security))
                    .withDiscoveredTools(toolContext(ports, catalog))
                    .build();
            RateLimitPolicy limits = SecurityWiring.rateLimits(security, base.descriptors(), stores.redis());
            ToolRegistry registry = new RateLimitedToolRegistry(base, limits);
            ApprovalService approvals = SecurityWiring.approvals(security, registry, ports.auditLog());
            var builder = AstraDeskServer.builder()
                    .withConfig(config.server())
                    .withToolRegistry(registry)
                    .withSecurity(new ServerSecurity(
                            limits, SecurityWiring.idempotency(security, stores.redis()), Optional.of(approvals)))
                    .withAgents(AgentWiring.referenceAgents(
                            registry, ports, catalog, approvals, SecurityWiring.approvalPolicy(security)))
                    .withReadinessChecks(stores.readinessChecks())
                    .withCloseable(stores);
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
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    /** Services tool providers may use; providers fall back to their embedded defaults for the rest. */
    static ToolProviderContext toolContext(StatePorts ports, ServiceCatalog catalog) {
        return ToolProviderContext.builder()
                .with(Clock.class, Clock.systemUTC())
                .with(ServiceCatalog.class, catalog)
                .with(LockService.class, ports.locks())
                .build();
    }
}
