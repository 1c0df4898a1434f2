package com.astradesk.server.http;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.ratelimit.RateLimiterUnavailableException;
import com.astradesk.server.auth.AuthFailure;
import com.astradesk.server.auth.AuthenticationException;
import com.astradesk.server.auth.KeySourceUnavailableException;
import com.astradesk.server.mcp.McpToolServer;
import com.astradesk.server.support.internal.ServerJson;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code /mcp}: the MCP server's Streamable HTTP endpoint, a servlet beside Javalin's (the SDK's transport holds
 * SSE streams open with servlet async I/O). Before the transport sees a request it gets the same request id,
 * bearer-token verification ({@link AuthHandler}, audited as {@code auth.denied}) and per-principal rate limit as
 * {@code /v1/*}; a refusal is problem+json, and a {@code 401} carries {@code WWW-Authenticate: Bearer
 * resource_metadata="…"} pointing at the {@link ProtectedResource} metadata. Thread-safe.
 */
final class McpEndpoint extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(McpEndpoint.class);

    private final transient McpToolServer mcp;
    private final transient AuthHandler auth;
    private final transient RateLimitPolicy rateLimits;
    private final transient ProtectedResource resource;
    private final String apiVersion;

    McpEndpoint(
            McpToolServer mcp,
            AuthHandler auth,
            RateLimitPolicy rateLimits,
            ProtectedResource resource,
            String apiVersion) {
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
                .orElseGet(() -> UUID.randomUUID().toString());
        MDC.put("request_id", requestId);
        response.setHeader(RequestIds.HEADER, requestId);
        response.setHeader("X-API-Version", apiVersion);
        try {
            Principal principal = auth.authenticate(request, requestId);
            RateLimitDecision decision = rateLimits.acquire(principal);
            decision.headers().forEach(response::setHeader);
            if (!decision.allowed()) {
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
            MDC.remove("request_id");
        }
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
