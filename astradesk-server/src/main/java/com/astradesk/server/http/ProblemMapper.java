package com.astradesk.server.http;

import com.astradesk.core.agent.ConversationNotFoundException;
import com.astradesk.server.auth.AuthenticationException;
import com.astradesk.server.auth.KeySourceUnavailableException;
import com.astradesk.server.support.internal.ProblemBodies;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become RFC 7807 {@code application/problem+json} bodies
 * ({@code type, title, status, detail, code, request_id} plus members such as {@code field}). A 500 never
 * carries exception text, no body carries a stack trace or a token. Thread-safe.
 */
final class ProblemMapper {
    /** The problem media type. */
    static final String PROBLEM_JSON = ProblemBodies.PROBLEM_JSON;

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    private static final String WRITTEN = "astradesk.problem_written";
    private static final String CAPTURE = "astradesk.problem_capture";

    private ProblemMapper() {}

    /** Registers the exception and error handlers. */
    static void register(RoutesConfig routes) {
        routes.exception(Exception.class, ProblemMapper::handle);
        routes.error(
                404, ctx -> fallback(ctx, 404, "not_found", "no route matches " + ctx.method() + " " + ctx.path()));
        routes.error(
                405,
                ctx -> fallback(
                        ctx, 405, "method_not_allowed", "method " + ctx.method() + " is not allowed on " + ctx.path()));
    }

    static void handle(Exception e, Context ctx) {
        if (SecurityProblems.handle(e, ctx)) {
            return;
        }
        if (e instanceof AuthenticationException auth) {
            String code = auth.failure().code();
            // The cause is nimbus's reason (e.g. "Invalid signature"); it never contains the token.
            LOG.debug(
                    "bearer token refused: {} ({})",
                    code,
                    auth.getCause() == null ? "-" : auth.getCause().getMessage());
            ctx.header("WWW-Authenticate", auth.challenge());
            write(ctx, 401, code, auth.getMessage(), Map.of());
        } else if (e instanceof RequestRejectedException rejected) {
            Map<String, Object> ext = new LinkedHashMap<>(rejected.extensions());
            rejected.field().ifPresent(f -> ext.put("field", f));
            write(ctx, rejected.status(), rejected.code(), rejected.getMessage(), ext);
        } else if (e instanceof RunDeniedException denied) {
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("run_id", denied.result().runId());
            ext.put("conversation_id", denied.result().conversationId());
            ext.put("agent", denied.result().agent());
            ext.put("tool", denied.denial().tool());
            ext.put("required_roles", new TreeSet<>(denied.denial().requiredRoles()));
            ctx.header(AgentRoutes.RUN_ID_HEADER, denied.result().runId());
            write(ctx, 403, "tool_denied", denied.getMessage(), ext);
        } else if (e instanceof RunRateLimitedException limited) {
            limited.decision().headers().forEach(ctx::header);
            Map<String, Object> ext = new LinkedHashMap<>();
            ext.put("run_id", limited.result().runId());
            ext.put("conversation_id", limited.result().conversationId());
            ext.put("agent", limited.result().agent());
            ext.put("tool", limited.limited().tool());
            ext.put("retry_after", limited.decision().retryAfterSeconds());
            ext.put("steps", limited.steps());
            ctx.header(AgentRoutes.RUN_ID_HEADER, limited.result().runId());
            write(ctx, 429, "rate_limited", limited.getMessage(), ext);
        } else if (e instanceof ConversationNotFoundException missing) {
            write(
                    ctx,
                    404,
                    "conversation_not_found",
                    missing.getMessage(),
                    Map.of("field", "conversation_id", "conversation_id", missing.conversationId()));
        } else if (e instanceof RunQueueTimeoutException busy) {
            // overload, not a failure: no stack trace in the log, a short Retry-After for the client
            LOG.debug("run refused: {}", busy.getMessage());
            ctx.header("Retry-After", Integer.toString(RunQueueTimeoutException.RETRY_AFTER_SECONDS));
            write(
                    ctx,
                    503,
                    "server_busy",
                    busy.getMessage(),
                    Map.of(
                            "retry_after",
                            RunQueueTimeoutException.RETRY_AFTER_SECONDS,
                            "queue_timeout_ms",
                            busy.queueTimeout().toMillis()));
        } else if (e instanceof KeySourceUnavailableException || e instanceof ServiceUnavailableException) {
            LOG.warn("dependency unavailable: {}", e.toString(), e.getCause());
            ctx.header("Retry-After", "5");
            write(ctx, 503, "service_unavailable", e.getMessage(), Map.of());
        } else if (e instanceof HttpResponseException http) {
            mapJavalin(ctx, http.getStatus());
        } else {
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            write(
                    ctx,
                    500,
                    "internal_error",
                    "an internal error occurred; quote the request_id when reporting it",
                    Map.of());
        }
    }

    /**
     * The problem body {@link #handle} would send for {@code e}, without writing the response: for an event
     * stream whose status is already sent.
     */
    static Map<String, Object> problem(Exception e, Context ctx) {
        AtomicReference<Map<String, Object>> captured = new AtomicReference<>();
        ctx.attribute(CAPTURE, (Consumer<Map<String, Object>>) captured::set);
        try {
            handle(e, ctx);
        } finally {
            ctx.attribute(CAPTURE, null);
        }
        return Objects.requireNonNull(captured.get(), "no problem written for " + e.getClass());
    }

    /** Last resort for a {@link java.lang.Error}: a bare 500 problem, no text from the error. */
    static void fatal(jakarta.servlet.http.HttpServletResponse response, Error error) {
        LOG.error("fatal error while serving a request", error);
        try {
            Map<String, Object> body = body(
                    500,
                    "internal_error",
                    "an internal error occurred; quote the request_id when reporting it",
                    String.valueOf(response.getHeader(RequestIds.HEADER)),
                    Map.of());
            response.setStatus(500);
            response.setCharacterEncoding("UTF-8");
            response.setContentType(PROBLEM_JSON);
            response.getWriter().write(ServerJson.write(body));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("cannot write the 500 response", e);
        }
    }

    private static void mapJavalin(Context ctx, int status) {
        switch (status) {
            case 404 -> write(ctx, 404, "not_found", "no route matches " + ctx.method() + " " + ctx.path(), Map.of());
            case 405 ->
                write(
                        ctx,
                        405,
                        "method_not_allowed",
                        "method " + ctx.method() + " is not allowed on " + ctx.path(),
                        Map.of());
            case 413 -> write(ctx, 413, "payload_too_large", "request body is too large", Map.of());
            case 415 -> write(ctx, 415, "unsupported_media_type", "unsupported content type", Map.of());
            default -> {
                int safe = status >= 400 && status < 500 ? status : 500;
                write(ctx, safe, safe == 500 ? "internal_error" : "bad_request", ProblemBodies.reason(safe), Map.of());
            }
        }
    }

    private static void fallback(Context ctx, int status, String code, String detail) {
        if (!Boolean.TRUE.equals(ctx.attribute(WRITTEN))) {
            write(ctx, status, code, detail, Map.of());
        }
    }

    /** Writes one problem response. */
    static void write(Context ctx, int status, String code, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = body(status, code, detail, RequestIds.of(ctx), extensions);
        Consumer<Map<String, Object>> capture = ctx.attribute(CAPTURE);
        if (capture != null) {
            capture.accept(body);
            return;
        }
        ctx.attribute(WRITTEN, true);
        ctx.header(RequestIds.HEADER, RequestIds.of(ctx));
        ctx.status(status).contentType(PROBLEM_JSON).result(ServerJson.write(body));
    }

    /** The problem body: {@code type, title, status, detail, code, request_id}, then the extensions. */
    static Map<String, Object> body(
            int status, String code, String detail, String requestId, Map<String, Object> extensions) {
        return ProblemBodies.body(status, code, detail, requestId, extensions);
    }
}
