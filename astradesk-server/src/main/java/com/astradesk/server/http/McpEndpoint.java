package com.astradesk.server.http;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.ratelimit.RateLimiterUnavailableException;
import com.astradesk.server.auth.AuthFailure;
import com.astradesk.server.auth.AuthenticationException;
import com.astradesk.server.auth.KeySourceUnavailableException;
import com.astradesk.server.mcp.McpToolServer;
import com.astradesk.server.observability.AccessLog;
import com.astradesk.server.observability.HttpTelemetry;
import com.astradesk.server.support.internal.ServerJson;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code /mcp}: the MCP server's Streamable HTTP endpoint, a servlet beside Javalin's (the SDK's transport holds
 * SSE streams open with servlet async I/O). Before the transport sees a request it gets the same request id,
 * bearer-token verification ({@link AuthHandler}, audited as {@code auth.denied}) and per-principal rate limit as
 * {@code /v1/*}; a refusal is problem+json, and a {@code 401} carries {@code WWW-Authenticate: Bearer
 * resource_metadata="…"} pointing at the {@link ProtectedResource} metadata. Like every route, each request is
 * one access-log line and one {@code astradesk_http_server_requests_seconds} observation (route {@code /mcp}), taken
 * when the response is complete (for an SSE stream, when it ends). Thread-safe.
 */
final class McpEndpoint extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(McpEndpoint.class);

    private final transient McpToolServer mcp;
    private final transient AuthHandler auth;
    private final transient RateLimitPolicy rateLimits;
    private final transient ProtectedResource resource;
    private final String apiVersion;
    private final transient HttpTelemetry telemetry;
    private final transient AccessLog accessLog;

    McpEndpoint(
            McpToolServer mcp,
            AuthHandler auth,
            RateLimitPolicy rateLimits,
            ProtectedResource resource,
            String apiVersion,
            HttpTelemetry telemetry,
            AccessLog accessLog) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
        this.mcp = Objects.requireNonNull(mcp, "mcp");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String requestId = Optional.ofNullable(request.getHeader(RequestIds.HEADER))
                .filter(RequestIds::isSane)
                .orElseGet(RequestIds::fresh);
        HttpTelemetry.Exchange exchange = telemetry.begin(request);
        long start = System.nanoTime();
        MDC.put("request_id", requestId);
        response.setHeader(RequestIds.HEADER, requestId);
        response.setHeader("X-API-Version", apiVersion);
        try {
            Principal principal = auth.authenticate(request, requestId);
            RateLimitDecision decision = rateLimits.acquire(principal);
            decision.headers().forEach(response::setHeader);
            if (!decision.allowed()) {
                exchange.rateLimited("principal");
                problem(
                        response,
                        429,
                        "rate_limited",
                        "rate limit exceeded; retry in " + decision.retryAfterSeconds() + " s",
                        requestId,
                        Map.of("retry_after", decision.retryAfterSeconds()));
                return;
            }
            mcp.serve(request, response, principal, requestId);
        } catch (AuthenticationException e) {
            StringBuilder challenge = new StringBuilder("Bearer resource_metadata=\"")
                    .append(resource.metadataUrl(request))
                    .append('"');
            if (e.failure() != AuthFailure.MISSING_TOKEN) {
                challenge
                        .append(", error=\"invalid_token\", error_description=\"")
                        .append(e.failure().description())
                        .append('"');
            }
            response.setHeader("WWW-Authenticate", challenge.toString());
            problem(response, 401, e.failure().code(), e.getMessage(), requestId, Map.of());
        } catch (KeySourceUnavailableException | RateLimiterUnavailableException e) {
            LOG.warn("MCP request refused, dependency unavailable: {}", e.toString());
            response.setHeader("Retry-After", "5");
            problem(
                    response,
                    503,
                    "service_unavailable",
                    "a dependency is unavailable; retry later",
                    requestId,
                    Map.of());
        } finally {
            exchange.detach();
            MDC.remove("request_id");
            whenComplete(request, () -> {
                exchange.end(McpToolServer.PATH, response.getStatus());
                accessLog.record(
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        (System.nanoTime() - start) / 1e6,
                        requestId);
            });
        }
    }

    /**
     * Runs {@code done} once the response is complete: now, or for a response the transport answers asynchronously
     * (an SSE stream) when its async context completes, times out or fails.
     */
    private static void whenComplete(HttpServletRequest request, Runnable done) {
        if (request.isAsyncStarted()) {
            try {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        done.run();
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                        done.run();
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                        done.run();
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                        event.getAsyncContext().addListener(this);
                    }
                });
                return;
            } catch (IllegalStateException e) {
                // the async response completed meanwhile
            }
        }
        done.run();
    }

    private static void problem(
            HttpServletResponse response,
            int status,
            String code,
            String detail,
            String requestId,
            Map<String, Object> extensions)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = ServerJson.write(ProblemMapper.body(status, code, detail, requestId, extensions))
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(ProblemMapper.PROBLEM_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
