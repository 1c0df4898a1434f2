package com.astradesk.server.wiring;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.config.ConfigException;
import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.ModelUsageListener;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.config.KnowledgeConfig;
import com.astradesk.server.config.SecurityConfig;
import com.astradesk.server.health.ReadinessCheck;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.http.ProtectedResource;
import com.astradesk.server.http.RunAdmission;
import com.astradesk.server.knowledge.Embedders;
import com.astradesk.server.knowledge.KnowledgeBootstrap;
import com.astradesk.server.knowledge.QueryEmbeddingCache;
import com.astradesk.server.mcp.McpClients;
import com.astradesk.server.mcp.McpToolServer;
import com.astradesk.server.observability.ServerTelemetry;
import com.astradesk.server.security.EdgeDenialAudit;
import com.astradesk.server.security.ServerSecurity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server from configuration: state ports ({@link ServerStores}: in memory for each unset service
 * URL), the tool registry (every {@link com.astradesk.core.spi.ToolProvider} on the class path), the knowledge
 * base (embedder, background start-up ingestion: {@link KnowledgeWiring}), the planner ({@link PlannerWiring}),
 * the reference agents, and the token verifier (external OIDC issuer, or the embedded dev issuer). Stateless.
 */
public final class ServerWiring {
    private static final Logger LOG = LoggerFactory.getLogger(ServerWiring.class);

    /** The version announced to MCP peers: the jar's, or {@code dev} when run from classes. */
    private static final String VERSION =
            java.util.Objects.requireNonNullElse(ServerWiring.class.getPackage().getImplementationVersion(), "dev");

    private ServerWiring() {}

    /**
     * Wires a server (not started).
     *
     * @throws ConfigException when the configuration asks for something this build cannot provide
     */
    public static AstraDeskServer wire(AstraDeskConfig config) {
        return wire(config, ModelUsageListener.NONE);
    }

    /**
     * Wires a server (not started) whose model gateway reports every call's usage to {@code modelUsage}.
     *
     * @throws ConfigException when the configuration asks for something this build cannot provide
     */
    public static AstraDeskServer wire(AstraDeskConfig config, ModelUsageListener modelUsage) {
        KnowledgeConfig kb = config.knowledge();
        Embedder embedder = Embedders.of(kb.embedding());
        // the dev key pair (RSA generation: up to half a second) is made while the rest is wired
        Optional<CompletableFuture<DevIssuer>> devIssuer = config.embeddedAuth()
                ? Optional.of(StartupTasks.run(
                        "astradesk-dev-issuer",
                        () -> DevIssuer.loadOrCreate(config.devIssuer().keyFile())))
                : Optional.empty();
        ServerStores stores = ServerStores.open(
                config.store(), kb.hnswEfSearch(), QueryEmbeddingCache.wrap(embedder, kb.queryCacheSize()));
        // the global telemetry, before any component is built: gateways report their breaker state as they are created
        ServerTelemetry telemetry = ServerTelemetry.createGlobal(config.observability());
        telemetry.metrics().bindOutboxBacklog(stores::auditBacklog);
        StatePorts ports = stores.ports();
        DocumentIngestor ingestor =
                DocumentIngestor.builder(ports.knowledge(), embedder).build();
        KnowledgeBootstrap knowledge = KnowledgeWiring.bootstrap(config, embedder, ports.knowledge(), ingestor);
        // readiness waits for the knowledge base: start loading the model (and the directory) now, in parallel
        // with the rest of the wiring and the HTTP start, rather than once the port is open
        knowledge.start();
        ToolBackendWiring.ToolBackends backends = null;
        McpClients mcpClients = null;
        try {
            ServiceCatalog catalog = config.tools().services().catalog();
            backends = ToolBackendWiring.wire(config.tools(), stores, catalog, Clock.systemUTC());
            SecurityConfig security = config.security();
            RateLimitPolicy limits = SecurityWiring.rateLimits(security, stores.redis());
            Redactor redactor = SecurityWiring.redactor(security);
            ApprovalService approvals =
                    SecurityWiring.approvals(security, ports.journal(), stores.postgres(), redactor);
            // the one chain every tool call passes; calls outside a run are audited through the journal
            var toolPolicy = SecurityWiring.toolPolicy(security);
            var toolRateLimit = SecurityWiring.toolRateLimit(security, limits);
            ToolRegistry registry = ToolRegistry.builder()
                    .withTelemetry(telemetry)
                    .withRedactor(redactor)
                    .withPolicy(toolPolicy)
                    .withApprovalGate(approvals)
                    .withRateLimit(toolRateLimit)
                    .withLocks(ports.locks())
                    .withStepRecords(SecurityWiring.stepRecords(stores.redis()), security.idempotencyTtl())
                    .withAuditSink(record -> ports.journal().recordEvents(List.of(record)))
                    .withTools(ToolProviders.discoveredTools(backends.context()))
                    .build();
            // external MCP servers' tools join the registry (and the agents' plans) before the agents are built
            mcpClients = McpClients.start(config.mcp().servers(), registry, VERSION);
            Optional<ModelGateway> model = PlannerWiring.gateway(config.model(), modelUsage);
            Planner planner = PlannerWiring.planner(
                    config.model(),
                    model,
                    catalog,
                    mcpClients.keywordRules(),
                    backends.context().disabledTools());
            RunAdmission admission = RunAdmission.of(config.runAdmission());
            List<Agent> agents = AgentWiring.referenceAgents(
                            registry,
                            ToolProviders.agentTools(ToolProviders.discovered(), backends.context()),
                            ports,
                            planner,
                            knowledge.retriever(ports.knowledge()),
                            kb,
                            mcpClients::toolsFor,
                            model,
                            admission,
                            redactor)
                    .stream()
                    .map(knowledge::wrap)
                    .toList();
            List<ReadinessCheck> checks = new ArrayList<>(stores.readinessChecks());
            checks.add(knowledge.readinessCheck());
            var builder = AstraDeskServer.builder()
                    .withConfig(config.server())
                    .withRunAdmission(admission)
                    .withTelemetry(telemetry)
                    .withToolRegistry(registry)
                    .withSecurity(new ServerSecurity(
                            limits, SecurityWiring.idempotency(security, stores.redis()), Optional.of(approvals)))
                    .withAgents(agents)
                    .withDialogues(ports.dialogues())
                    .withReadinessChecks(checks)
                    .withAuthDenialAudit(EdgeDenialAudit.standard(ports.journal()::recordEvents, redactor))
                    .withDocumentIngestor(ingestor, record -> ports.journal().recordEvents(List.of(record)))
                    .withAsyncRuns(
                            stores.redis()
                                    .map(r -> r.workQueue(config.asyncRuns().queue()))
                                    .orElseGet(WorkQueue::inMemory),
                            config.asyncRuns())
                    .withCloseable(mcpClients)
                    .withAuditTrail(ports.auditLog(), record -> ports.journal().recordEvents(List.of(record)))
                    .withConsole(config.console())
                    .withCloseable(knowledge)
                    .withCloseable(backends)
                    .withCloseable(stores);
            if (config.mcp().serverEnabled()) {
                // search_knowledge and ask_* are MCP-only: their own registry, with the same policy, per-tool
                // limits and audit as the main one
                McpToolServer mcp = McpToolServer.builder(registry)
                        .withOwnToolChain(ToolRegistry.builder()
                                .withTelemetry(telemetry)
                                .withRedactor(redactor)
                                .withPolicy(toolPolicy)
                                .withRateLimit(toolRateLimit)
                                .withAuditSink(record -> ports.journal().recordEvents(List.of(record))))
                        .withAgents(agents)
                        .withKnowledge(knowledge.retriever(ports.knowledge()), kb.topK(), kb.minScore())
                        .withMaxRequestBytes(config.server().maxBodyBytes())
                        .withVersion(VERSION)
                        .build();
                mcpClients.onToolsChanged(mcp::refresh);
                List<String> issuers = config.embeddedAuth()
                        ? List.of()
                        : config.auth().issuer().map(List::of).orElse(List.of());
                builder.withMcp(mcp, new ProtectedResource(config.mcp().resourceUrl(), issuers));
            }
            if (devIssuer.isPresent()) {
                DevIssuer issuer = StartupTasks.join(devIssuer.get());
                LOG.warn(
                        "embedded mode: tokens come from the local dev issuer (key {}); never use this in production",
                        config.devIssuer().keyFile());
                builder.withDevIssuer(issuer).withTokenVerifier(TokenVerifier.forDevIssuer(issuer, config.auth()));
            } else {
                builder.withTokenVerifier(TokenVerifier.forIssuer(config.auth()));
            }
            return builder.build();
        } catch (RuntimeException e) {
            if (mcpClients != null) {
                mcpClients.close();
            }
            if (backends != null) {
                backends.close();
            }
            knowledge.close();
            telemetry.close();
            stores.close();
            throw e;
        }
    }

    /**
     * The planner a server with this configuration plans with: the LLM planner through the model gateway with the
     * keyword planner as fallback when {@code MODEL_PROVIDER} is set, else the keyword planner (for {@code
     * astradesk eval}).
     *
     * @throws com.astradesk.server.config.ConfigException naming the variable when the model's client cannot be
     *     built
     */
    public static Planner planner(AstraDeskConfig config) {
        return PlannerWiring.planner(config.model(), config.tools().services().catalog(), ModelUsageListener.NONE);
    }
}
