package com.astradesk.server.http;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.AsyncRunsConfig;
import com.astradesk.server.config.ConsoleConfig;
import com.astradesk.server.config.ServerConfig;
import com.astradesk.server.health.Readiness;
import com.astradesk.server.health.ReadinessCheck;
import com.astradesk.server.mcp.McpToolServer;
import com.astradesk.server.observability.AccessLog;
import com.astradesk.server.observability.HttpTelemetry;
import com.astradesk.server.observability.ServerTelemetry;
import com.astradesk.server.security.EdgeDenialAudit;
import com.astradesk.server.security.ServerSecurity;
import com.astradesk.server.support.internal.JavalinServers;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference HTTP server: Javalin with the routes of DESIGN.md "HTTP contract", one auth handler on
 * {@code /v1/*}, one problem mapper. Build with {@link #builder()}, then {@link #start()}; {@link #close()}
 * stops it. Thread-safe once started.
 */
public final class AstraDeskServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AstraDeskServer.class);
    /** The access log's logger name; {@code /mcp} requests are written there too. */
    static final AccessLog ACCESS = new AccessLog("com.astradesk.server.access");
    /** How long a graceful shutdown lets requests in flight finish (Kubernetes allows 30 s by default). */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private static final Set<HandlerType> HTTP_METHODS = Set.of(
            HandlerType.GET,
            HandlerType.POST,
            HandlerType.PUT,
            HandlerType.PATCH,
            HandlerType.DELETE,
            HandlerType.HEAD,
            HandlerType.OPTIONS);

    private final Javalin app;
    private final Readiness readiness;
    private final List<String> routes;
    private final List<AutoCloseable> closeables;
    private final ServerTelemetry telemetry;
    private final List<Runnable> startHooks;
    private final StreamHeartbeats heartbeats;
    private final Optional<AsyncRuns> asyncRuns;
    private final Optional<McpToolServer> mcp;

    private AstraDeskServer(Builder b) {
        this.closeables = List.copyOf(b.closeables);
        this.telemetry = b.telemetry != null ? b.telemetry : ServerTelemetry.local();
        var httpTelemetry = new HttpTelemetry(telemetry);
        var metricsRoutes = new MetricsRoutes(telemetry.metrics());
        this.readiness = new Readiness(b.readinessChecks, Duration.ofSeconds(2));
        List<String> registered = Collections.synchronizedList(new ArrayList<>());
        this.routes = registered;
        ServerConfig config = b.config;
        this.heartbeats = new StreamHeartbeats(b.streamHeartbeat);
        this.asyncRuns = b.asyncQueue.map(q -> new AsyncRuns(
                q,
                b.asyncConfig,
                b.agents.stream().collect(java.util.stream.Collectors.toMap(Agent::name, a -> a, (x, y) -> x))));
        var agentRoutes = new AgentRoutes(
                b.agents, config.maxBodyBytes(), b.security.idempotency(), heartbeats, asyncRuns, b.runAdmission);
        var asyncRunRoutes = asyncRuns.map(AsyncRunRoutes::new);
        var approvalRoutes = b.security.approvals().map(a -> new ApprovalRoutes(a, b.registry, config.maxBodyBytes()));
        var rateLimits = new RateLimitHandler(b.security.rateLimits());
        var toolRoutes = new ToolRoutes(b.registry);
        Optional<ConversationRoutes> conversationRoutes = b.dialogues.map(ConversationRoutes::new);
        var healthRoutes = new HealthRoutes(readiness);
        var openApiRoutes = new OpenApiRoutes(config.apiVersion());
        var auth = new AuthHandler(b.verifier, b.authDenials);
        this.mcp = b.mcp;
        Optional<McpEndpoint> mcpEndpoint = b.mcp.map(m -> new McpEndpoint(
                m, auth, b.security.rateLimits(), b.mcpResource, config.apiVersion(), httpTelemetry, ACCESS));
        Optional<DocumentRoutes> documentRoutes = b.documentIngestor.map(i -> new DocumentRoutes(i, b.documentAudit));
        this.startHooks = List.copyOf(b.startHooks);
        Optional<AuditRoutes> auditRoutes = b.auditLog.map(log -> new AuditRoutes(log, b.auditReads));
        var docsRoutes = new DocsRoutes();
        var consoleRoutes = new ConsoleRoutes(b.console, b.devIssuer.isPresent());
        var securityHeaders = new SecurityHeaders(b.console.issuerOrigin());
        Optional<DevIssuerRoutes> devRoutes = b.devIssuer.map(i -> new DevIssuerRoutes(i, config.maxBodyBytes()));
        this.app = Javalin.create(cfg -> {
            // on stop, requests in flight may finish
            JavalinServers.configure(cfg, config, SHUTDOWN_GRACE);
            cfg.router.javaLangErrorHandler(ProblemMapper::fatal);
            // errors Jetty answers before any route runs (431, 414, a malformed request line ...) as problem+json
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new ContainerErrorHandler()));
            // /mcp is a servlet beside Javalin's: the SDK's transport keeps SSE streams open with servlet async I/O
            mcpEndpoint.ifPresent(endpoint -> cfg.jetty.modifyServletContextHandler(handler -> {
                ServletHolder holder = new ServletHolder("mcp", endpoint);
                holder.setAsyncSupported(true);
                handler.addServlet(holder, McpToolServer.PATH);
                for (String method : List.of("POST", "GET", "DELETE")) {
                    registered.add(method + " " + McpToolServer.PATH);
                }
            }));
            cfg.events.handlerAdded(meta -> {
                if (HTTP_METHODS.contains(meta.getHttpMethod())) {
                    registered.add(meta.getHttpMethod().name() + " " + meta.getPath());
                }
            });
            cfg.routes.before(ctx -> {
                RequestIds.assign(ctx);
                ctx.header("X-API-Version", config.apiVersion());
                securityHeaders.handle(ctx);
                httpTelemetry.begin(ctx);
            });
            cfg.routes.beforeMatched("/v1/*", auth);
            cfg.routes.beforeMatched("/v1/*", rateLimits);
            healthRoutes.register(cfg.routes);
            openApiRoutes.register(cfg.routes);
            metricsRoutes.register(cfg.routes);
            agentRoutes.register(cfg.routes);
            asyncRunRoutes.ifPresent(r -> r.register(cfg.routes));
            toolRoutes.register(cfg.routes);
            conversationRoutes.ifPresent(r -> r.register(cfg.routes));
            documentRoutes.ifPresent(r -> r.register(cfg.routes));
            approvalRoutes.ifPresent(r -> r.register(cfg.routes));
            auditRoutes.ifPresent(r -> r.register(cfg.routes));
            docsRoutes.register(cfg.routes);
            consoleRoutes.register(cfg.routes);
            devRoutes.ifPresent(r -> r.register(cfg.routes));
            if (b.mcp.isPresent()) {
                ProtectedResource resource = b.mcpResource;
                for (String path : List.of(ProtectedResource.WELL_KNOWN, ProtectedResource.WELL_KNOWN + "/mcp")) {
                    cfg.routes.get(
                            path,
                            ctx -> ctx.contentType("application/json")
                                    .result(ServerJson.write(resource.document(ctx.req()))));
                }
            }
            ProblemMapper.register(cfg.routes);
            cfg.requestLogger.http((ctx, ms) -> {
                httpTelemetry.end(ctx);
                ACCESS.record(ctx.method().name(), ctx.path(), ctx.status().getCode(), ms, RequestIds.of(ctx));
            });
        });
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving. */
    public AstraDeskServer start() {
        app.start();
        LOG.info("AstraDesk server listening on port {}", app.port());
        startHooks.forEach(Runnable::run);
        asyncRuns.ifPresent(AsyncRuns::start);
        return this;
    }

    /** The bound port (after {@link #start()}). */
    public int port() {
        return app.port();
    }

    /** The server's telemetry (metrics and tracing). */
    public ServerTelemetry telemetry() {
        return telemetry;
    }

    /** Every registered route as {@code "METHOD /path"}, in registration order. */
    public List<String> routes() {
        synchronized (routes) {
            return List.copyOf(routes);
        }
    }

    /**
     * Stops serving gracefully (no new connections; requests in flight get up to {@link #SHUTDOWN_GRACE} to
     * finish), then closes what {@link Builder#withCloseable} registered (e.g. connection pools). Logs one line
     * when the shutdown begins and one when it ends.
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        LOG.info(
                "AstraDesk server shutting down: no new connections, requests in flight get up to {} s to finish",
                SHUTDOWN_GRACE.toSeconds());
        // open MCP streams end first, so they do not hold the graceful stop for its whole grace period
        mcp.ifPresent(McpToolServer::close);
        app.stop();
        asyncRuns.ifPresent(AsyncRuns::close);
        heartbeats.close();
        readiness.close();
        telemetry.close();
        JavalinServers.closeAll(closeables, LOG);
        LOG.info("AstraDesk server shut down in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** Builds an {@link AstraDeskServer}; fails fast naming a missing parameter. Not thread-safe. */
    public static final class Builder {
        private ServerConfig config = ServerConfig.ephemeral();
        private List<Agent> agents = List.of();
        private ToolRegistry registry;
        private TokenVerifier verifier;
        private List<ReadinessCheck> readinessChecks = List.of();
        private Optional<DevIssuer> devIssuer = Optional.empty();
        private Optional<DocumentIngestor> documentIngestor = Optional.empty();
        private Consumer<AuditRecord> documentAudit = record -> {};
        private Optional<AuditLog> auditLog = Optional.empty();
        private ConsoleConfig console = ConsoleConfig.none();
        private Consumer<AuditRecord> auditReads = record -> {};
        private ServerSecurity security = ServerSecurity.permissive();
        private EdgeDenialAudit authDenials;
        private final List<AutoCloseable> closeables = new ArrayList<>();
        private ServerTelemetry telemetry;
        private final List<Runnable> startHooks = new ArrayList<>();
        private Duration streamHeartbeat = StreamHeartbeats.DEFAULT_INTERVAL;
        private Optional<WorkQueue> asyncQueue = Optional.empty();
        private AsyncRunsConfig asyncConfig = AsyncRunsConfig.defaults();
        private Optional<DialogueStore> dialogues = Optional.empty();
        private Optional<McpToolServer> mcp = Optional.empty();
        private ProtectedResource mcpResource = new ProtectedResource(Optional.empty(), List.of());
        private RunAdmission runAdmission = RunAdmission.unlimited();

        private Builder() {}

        /**
         * Serves asynchronous runs ({@code Prefer: respond-async}, {@code GET /v1/runs/{run_id}}) queued in {@code
         * queue} and runs them on {@link AsyncRunsConfig#workers()} workers of this server (started with it, stopped
         * when it closes); default none: {@code Prefer: respond-async} is not applied and runs answer synchronously.
         */
        public Builder withAsyncRuns(WorkQueue queue, AsyncRunsConfig config) {
            this.asyncQueue = Optional.of(Objects.requireNonNull(queue, "queue"));
            this.asyncConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Serves {@code GET /v1/conversations} and {@code GET /v1/conversations/{id}} from this store (the agents' dialogues); default none. */
        public Builder withDialogues(DialogueStore dialogues) {
            this.dialogues = Optional.of(Objects.requireNonNull(dialogues, "dialogues"));
            return this;
        }

        /** How often a streamed run sends a heartbeat comment; default 15 seconds. */
        public Builder withStreamHeartbeat(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("stream heartbeat must be positive, was " + interval);
            }
            this.streamHeartbeat = interval;
            return this;
        }

        /**
         * Metrics and tracing; default {@link ServerTelemetry#local()} (trace ids, no export). SDK components built
         * with default telemetry report to {@link Telemetry#global()}: pass {@link ServerTelemetry#createGlobal} (as
         * the wiring does) for them to report to this server. {@link #close()} closes it (uninstalling it if global).
         */
        public Builder withTelemetry(ServerTelemetry telemetry) {
            this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
            return this;
        }

        /** Something to close when the server closes (in registration order), e.g. the stores' pools. */
        public Builder withCloseable(AutoCloseable closeable) {
            this.closeables.add(Objects.requireNonNull(closeable, "closeable"));
            return this;
        }

        /** Something to run once the port is open (in registration order), e.g. background loading. */
        public Builder withStartHook(Runnable hook) {
            this.startHooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** Serves {@code POST /v1/documents} (role {@code kb.admin}) through this ingestor, unaudited; default none. */
        public Builder withDocumentIngestor(DocumentIngestor ingestor) {
            return withDocumentIngestor(ingestor, record -> {});
        }

        /**
         * Serves {@code POST /v1/documents} (role {@code kb.admin}) through this ingestor, handing one
         * {@code documents.ingest} audit record per call to {@code audit}.
         */
        public Builder withDocumentIngestor(DocumentIngestor ingestor, Consumer<AuditRecord> audit) {
            this.documentIngestor = Optional.of(Objects.requireNonNull(ingestor, "ingestor"));
            this.documentAudit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        /**
         * Serves {@code GET /v1/audit} (role {@code auditor}) over {@code log}, handing one {@code audit.read}
         * record per call to {@code reads} (in a server: the run journal); default no audit route.
         */
        public Builder withAuditTrail(AuditLog log, Consumer<AuditRecord> reads) {
            this.auditLog = Optional.of(Objects.requireNonNull(log, "log"));
            this.auditReads = Objects.requireNonNull(reads, "reads");
            return this;
        }

        /**
         * How the console at {@code /console} signs people in when there is no dev issuer; default {@link
         * ConsoleConfig#none()} (with a dev issuer, its token form).
         */
        public Builder withConsole(ConsoleConfig console) {
            this.console = Objects.requireNonNull(console, "console");
            return this;
        }

        /** Listener settings; default loopback on a free port. */
        public Builder withConfig(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Admission control of synchronous runs (default: none). Give the agents' run journal through {@link
         * RunAdmission#releasingBeforeRecord} too, so a run frees its slot while it waits for the commit.
         */
        public Builder withRunAdmission(RunAdmission runAdmission) {
            this.runAdmission = Objects.requireNonNull(runAdmission, "runAdmission");
            return this;
        }

        /** The agents served (by name). */
        public Builder withAgents(List<Agent> agents) {
            this.agents = List.copyOf(Objects.requireNonNull(agents, "agents"));
            return this;
        }

        /** The registry behind {@code GET /v1/tools} (required). */
        public Builder withToolRegistry(ToolRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The verifier behind the auth handler (required). */
        public Builder withTokenVerifier(TokenVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /**
         * Rate limits, idempotency and approvals; default {@link ServerSecurity#permissive()} (no effective limit,
         * in-memory idempotency, no approval routes).
         */
        public Builder withSecurity(ServerSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /**
         * Audits authentication failures (sampled; closed with the server); default {@link
         * EdgeDenialAudit#discarding()}.
         */
        public Builder withAuthDenialAudit(EdgeDenialAudit audit) {
            this.authDenials = Objects.requireNonNull(audit, "audit");
            this.closeables.add(audit);
            return this;
        }

        /** The checks behind {@code GET /readyz}; default none. */
        public Builder withReadinessChecks(List<ReadinessCheck> checks) {
            this.readinessChecks = List.copyOf(Objects.requireNonNull(checks, "checks"));
            return this;
        }

        /**
         * Serves the MCP server at {@code /mcp} (bearer token and per-principal rate limit as on {@code /v1/*})
         * and its protected-resource metadata at {@code /.well-known/oauth-protected-resource}; default none.
         */
        public Builder withMcp(McpToolServer server, ProtectedResource resource) {
            this.mcp = Optional.of(Objects.requireNonNull(server, "server"));
            this.mcpResource = Objects.requireNonNull(resource, "resource");
            return this;
        }

        /** Serves the dev issuer's JWKS and {@code POST /dev/token}: embedded mode only. */
        public Builder withDevIssuer(DevIssuer issuer) {
            this.devIssuer = Optional.of(Objects.requireNonNull(issuer, "issuer"));
            return this;
        }

        public AstraDeskServer build() {
            if (registry == null) {
                throw new IllegalStateException("toolRegistry is required");
            }
            if (verifier == null) {
                throw new IllegalStateException("tokenVerifier is required");
            }
            if (authDenials == null) {
                authDenials = EdgeDenialAudit.discarding();
            }
            return new AstraDeskServer(this);
        }
    }
}
