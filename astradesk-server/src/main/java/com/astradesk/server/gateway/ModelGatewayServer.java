package com.astradesk.server.gateway;

import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.ratelimit.TokenBudget;
import com.astradesk.server.auth.AuthenticationException;
import com.astradesk.server.auth.BearerAuthenticator;
import com.astradesk.server.auth.KeySourceUnavailableException;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.GatewayConfig;
import com.astradesk.server.config.ServerConfig;
import com.astradesk.server.http.RequestIds;
import com.astradesk.server.observability.AccessLog;
import com.astradesk.server.observability.HttpTelemetry;
import com.astradesk.server.observability.ServerTelemetry;
import com.astradesk.server.security.EdgeDenialAudit;
import com.astradesk.server.support.internal.JavalinServers;
import com.astradesk.server.support.internal.ProblemBodies;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model gateway as an OpenAI-compatible HTTP service ({@code astradesk gateway}): {@code POST
 * /v1/chat/completions} and {@code GET /v1/models} behind the API server's bearer-token check and per-principal
 * token budgets, plus {@code GET /healthz}, {@code /readyz}, {@code /metrics} and {@code /openapi.json}. Errors
 * have OpenAI's shape ({@code {"error":{message,type,param,code}}}); a refused token is a {@code 401} problem+json
 * that carries the same {@code error} member, and is audited as {@code auth.denied}. Build with {@link #builder()}, then {@link
 * #start()}; {@link #close()} stops it. Thread-safe once started.
 */
public final class ModelGatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelGatewayServer.class);
    private static final AccessLog ACCESS = new AccessLog("com.astradesk.server.gateway.access");
    private static final String OPENAPI = "/com/astradesk/server/gateway/openapi.json";
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final Javalin app;
    private final ServerTelemetry telemetry;
    private final List<AutoCloseable> closeables;

    private ModelGatewayServer(Builder b) {
        this.telemetry = b.telemetry != null ? b.telemetry : ServerTelemetry.local();
        this.closeables = List.copyOf(b.closeables);
        var http = new HttpTelemetry(telemetry);
        var auth = new GatewayAuth(new BearerAuthenticator(b.verifier, b.authDenials));
        var routes = new ChatCompletionRoutes(b.gateway, b.model, b.budget, b.tokensPerMinute, b.config.maxBodyBytes());
        String openApi = openApi(b.config.apiVersion());
        String metricsType = "text/plain; version=0.0.4; charset=utf-8";
        List<Runnable> readiness = List.copyOf(b.readinessChecks);
        ServerConfig config = b.config;
        this.app = Javalin.create(cfg -> {
            JavalinServers.configure(cfg, config, SHUTDOWN_GRACE);
            cfg.routes.before(ctx -> {
                RequestIds.assign(ctx);
                http.begin(ctx);
            });
            cfg.routes.beforeMatched("/v1/*", auth);
            cfg.routes.get(
                    "/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
            cfg.routes.get("/readyz", ctx -> ready(ctx, readiness));
            cfg.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType(metricsType)
                            .result(telemetry.metrics().scrape()));
            cfg.routes.get(
                    "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            routes.register(cfg.routes);
            cfg.routes.exception(Exception.class, ModelGatewayServer::error);
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    write(
                            ctx,
                            new OpenAiError(
                                    404,
                                    OpenAiError.INVALID_REQUEST,
                                    "not_found",
                                    Optional.empty(),
                                    "no route matches " + ctx.method() + " " + ctx.path(),
                                    Map.of()));
                }
            });
            cfg.routes.error(
                    405,
                    ctx -> write(
                            ctx,
                            new OpenAiError(
                                    405,
                                    OpenAiError.INVALID_REQUEST,
                                    "method_not_allowed",
                                    Optional.empty(),
                                    "method " + ctx.method() + " is not allowed on " + ctx.path(),
                                    Map.of())));
            cfg.requestLogger.http((ctx, ms) -> {
                http.end(ctx);
                ACCESS.record(ctx.method().name(), ctx.path(), ctx.status().getCode(), ms, RequestIds.of(ctx));
            });
        });
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving. */
    public ModelGatewayServer start() {
        app.start();
        LOG.info("AstraDesk model gateway listening on port {}", app.port());
        return this;
    }

    /** The bound port (after {@link #start()}). */
    public int port() {
        return app.port();
    }

    /** Stops serving gracefully, then closes what {@link Builder#withCloseable} registered. */
    @Override
    public void close() {
        app.stop();
        telemetry.close();
        JavalinServers.closeAll(closeables, LOG);
        LOG.info("AstraDesk model gateway stopped");
    }

    private static void ready(Context ctx, List<Runnable> checks) {
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (RuntimeException e) {
                ctx.header("Retry-After", "5");
                write(
                        ctx,
                        new OpenAiError(
                                503,
                                "server_error",
                                "not_ready",
                                Optional.empty(),
                                "a dependency is not answering",
                                Map.of()));
                return;
            }
        }
        ctx.contentType("application/json").result("{\"status\":\"ready\"}");
    }

    private static void error(Exception e, Context ctx) {
        if (e instanceof OpenAiError openAi) {
            write(ctx, openAi);
        } else if (e instanceof AuthenticationException auth) {
            unauthorized(ctx, auth);
        } else if (e instanceof KeySourceUnavailableException) {
            LOG.warn("token issuer keys unavailable: {}", e.toString());
            write(
                    ctx,
                    new OpenAiError(
                            503,
                            "server_error",
                            "service_unavailable",
                            Optional.empty(),
                            "the token issuer's keys cannot be fetched; retry later",
                            Map.of("Retry-After", "5")));
        } else if (e instanceof HttpResponseException http) {
            write(
                    ctx,
                    new OpenAiError(
                            http.getStatus(),
                            OpenAiError.INVALID_REQUEST,
                            "invalid_request",
                            Optional.empty(),
                            "the request was refused (HTTP " + http.getStatus() + ")",
                            Map.of()));
        } else {
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            write(
                    ctx,
                    new OpenAiError(
                            500,
                            "server_error",
                            "internal_error",
                            Optional.empty(),
                            "an internal error occurred; quote the X-Request-ID when reporting it",
                            Map.of()));
        }
    }

    /**
     * A refused bearer token: {@code 401} problem+json, as the API server answers, whose {@code error} member is
     * OpenAI's error object, so OpenAI clients read the code as they would OpenAI's own; with the {@code
     * WWW-Authenticate} challenge.
     */
    private static void unauthorized(Context ctx, AuthenticationException auth) {
        if (ctx.res().isCommitted()) {
            return;
        }
        String code = auth.failure().code();
        String detail = auth.failure().description() + "; send a bearer JWT as the API key";
        OpenAiError openAi =
                new OpenAiError(401, OpenAiError.INVALID_REQUEST, code, Optional.empty(), detail, Map.of());
        ctx.header("WWW-Authenticate", auth.challenge());
        ctx.status(401)
                .contentType(ProblemBodies.PROBLEM_JSON)
                .result(ServerJson.write(ProblemBodies.body(401, code, detail, RequestIds.of(ctx), openAi.body())));
    }

    private static void write(Context ctx, OpenAiError error) {
        if (ctx.res().isCommitted()) {
            return;
        }
        error.headers().forEach(ctx::header);
        ctx.status(error.status()).contentType("application/json").result(ServerJson.write(error.body()));
    }

    private static String openApi(String apiVersion) {
        try (InputStream in = ModelGatewayServer.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI);
            }
            ObjectNode doc = (ObjectNode) ServerJson.mapper().readTree(in);
            ((ObjectNode) doc.get("info")).put("version", apiVersion);
            return ServerJson.write(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI, e);
        }
    }

    /** Builds a {@link ModelGatewayServer}; fails fast naming a missing part. Not thread-safe. */
    public static final class Builder {
        private ServerConfig config = ServerConfig.ephemeral();
        private ModelGateway gateway;
        private String model;
        private TokenVerifier verifier;
        private TokenBudget budget = TokenBudget.inMemory();
        private long tokensPerMinute = GatewayConfig.DEFAULT_TOKENS_PER_MINUTE;
        private ServerTelemetry telemetry;
        private EdgeDenialAudit authDenials;
        private final List<Runnable> readinessChecks = new ArrayList<>();
        private final List<AutoCloseable> closeables = new ArrayList<>();

        private Builder() {}

        /** Listener settings; default loopback on a free port. */
        public Builder withConfig(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The gateway served and the model name clients ask for (required). */
        public Builder withGateway(ModelGateway gateway, String model) {
            this.gateway = Objects.requireNonNull(gateway, "gateway");
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The bearer-token verifier (required): the API server's. */
        public Builder withTokenVerifier(TokenVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** Each principal's budget of tokens per minute; default in memory, {@value GatewayConfig#DEFAULT_TOKENS_PER_MINUTE}. */
        public Builder withTokenBudget(TokenBudget budget, long tokensPerMinute) {
            if (tokensPerMinute < 1) {
                throw new IllegalArgumentException("tokensPerMinute must be >= 1, was " + tokensPerMinute);
            }
            this.budget = Objects.requireNonNull(budget, "budget");
            this.tokensPerMinute = tokensPerMinute;
            return this;
        }

        /**
         * Audits authentication failures ({@code auth.denied}, sampled; closed with the server), as the API server
         * does; default {@link EdgeDenialAudit#discarding()}.
         */
        public Builder withAuthDenialAudit(EdgeDenialAudit audit) {
            this.authDenials = Objects.requireNonNull(audit, "audit");
            this.closeables.add(audit);
            return this;
        }

        /** Metrics and tracing; default {@link ServerTelemetry#local()}. Closed with the server. */
        public Builder withTelemetry(ServerTelemetry telemetry) {
            this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
            return this;
        }

        /** A check behind {@code GET /readyz} that throws when a dependency does not answer. */
        public Builder withReadinessCheck(Runnable check) {
            this.readinessChecks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        /** Something to close when the server closes, e.g. a Redis pool. */
        public Builder withCloseable(AutoCloseable closeable) {
            this.closeables.add(Objects.requireNonNull(closeable, "closeable"));
            return this;
        }

        public ModelGatewayServer build() {
            if (gateway == null) {
                throw new IllegalStateException("gateway is required");
            }
            if (verifier == null) {
                throw new IllegalStateException("tokenVerifier is required");
            }
            if (authDenials == null) {
                authDenials = EdgeDenialAudit.discarding();
            }
            return new ModelGatewayServer(this);
        }
    }
}
