package com.astradesk.server.observability;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Objects;
import org.slf4j.MDC;

/**
 * Server spans and request metrics for Javalin: {@link #begin} (a before-handler) continues the caller's W3C
 * {@code traceparent} (or starts a trace), makes the span current and puts {@code trace_id}/{@code span_id} in the
 * MDC; {@link #end} (from the request logger, after every handler and exception mapper) records {@code
 * astradesk_http_server_requests_seconds} with the matched route template and ends the span. A servlet served beside
 * Javalin's handlers ({@code /mcp}) gets the same span and metric through {@link #begin(HttpServletRequest)} and
 * {@link Exchange#end}. Thread-safe.
 */
public final class HttpTelemetry {
    private static final String SPAN = "astradesk.http.span";
    private static final String START = "astradesk.http.start";
    private static final String RATE_LIMIT_SCOPE = "astradesk.rate_limit_scope";
    /** The scope of the request being handled on this thread; closed at the end, or by the next request. */
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    private static final TextMapGetter<Context> HEADERS = new TextMapGetter<>() {
        @Override
        @SuppressWarnings("deprecation") // still abstract in the interface; the W3C propagator only calls get()
        public Iterable<String> keys(Context ctx) {
            return ctx.headerMap().keySet();
        }

        @Override
        public String get(Context ctx, String key) {
            return ctx == null ? null : ctx.header(key);
        }
    };

    private static final TextMapGetter<HttpServletRequest> SERVLET_HEADERS = new TextMapGetter<>() {
        @Override
        @SuppressWarnings("deprecation") // as above
        public Iterable<String> keys(HttpServletRequest request) {
            return Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest request, String key) {
            return request == null ? null : request.getHeader(key);
        }
    };

    private final ServerTelemetry telemetry;

    public HttpTelemetry(ServerTelemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    }

    /** Before-handler: opens the server span. */
    @SuppressWarnings("MustBeClosedChecker") // the scope spans the request: end(...) closes it, in the after-handler
    public void begin(Context ctx) {
        closeLeftoverScope();
        ctx.attribute(START, System.nanoTime());
        Span span = startSpan(ctx.method().name(), ctx, HEADERS);
        ctx.attribute(SPAN, span);
        SCOPE.set(span.makeCurrent());
    }

    /**
     * Opens the server span of a request served outside Javalin's handlers (a servlet) and makes it current on
     * this thread until {@link Exchange#detach()}; {@link Exchange#end} records it.
     */
    @SuppressWarnings("MustBeClosedChecker") // the scope spans the servlet call: Exchange.detach() closes it
    public Exchange begin(HttpServletRequest request) {
        long start = System.nanoTime();
        Span span = startSpan(request.getMethod(), request, SERVLET_HEADERS);
        return new Exchange(request.getMethod(), span, span.makeCurrent(), start);
    }

    private <C> Span startSpan(String method, C carrier, TextMapGetter<C> getter) {
        io.opentelemetry.context.Context parent =
                telemetry.propagator().extract(io.opentelemetry.context.Context.root(), carrier, getter);
        Span span = telemetry.startServerSpan(method, parent);
        MDC.put("trace_id", span.getSpanContext().getTraceId());
        MDC.put("span_id", span.getSpanContext().getSpanId());
        return span;
    }

    /** The trace id of this request's span, if {@link #begin} ran. */
    public static java.util.Optional<String> traceId(Context ctx) {
        Span span = ctx.attribute(SPAN);
        return span == null || !span.getSpanContext().isValid()
                ? java.util.Optional.empty()
                : java.util.Optional.of(span.getSpanContext().getTraceId());
    }

    /**
     * Marks this request as refused by a rate limit of {@code scope} ({@code principal} or {@code tool}); {@link
     * #end} counts it in {@code astradesk_rate_limit_rejections_total} when the answer is 429.
     */
    public static void rateLimited(Context ctx, String scope) {
        ctx.attribute(RATE_LIMIT_SCOPE, scope);
    }

    /** After everything: records the request and ends the span. Never throws. */
    public void end(Context ctx) {
        try {
            Long start = ctx.attribute(START);
            finish(
                    route(ctx),
                    ctx.method().name(),
                    ctx.status().getCode(),
                    start == null ? 0 : System.nanoTime() - start,
                    ctx.attribute(RATE_LIMIT_SCOPE),
                    ctx.attribute(SPAN));
        } finally {
            closeLeftoverScope();
        }
    }

    private void finish(String route, String method, int status, long nanos, String rateLimitScope, Span span) {
        telemetry.metrics().httpRequest(route, method, status, nanos);
        if (status == 429) {
            telemetry.metrics().rateLimitRejected(rateLimitScope == null ? "principal" : rateLimitScope);
        }
        if (span != null) {
            span.updateName(method + " " + route);
            span.setAttribute("http.route", route);
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }

    /** The matched path template ({@code /v1/agents/run}), or {@value ServerMetrics#UNMATCHED_ROUTE}. */
    static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            if (endpoint != null && endpoint.path != null && !endpoint.path.isEmpty()) {
                return endpoint.path;
            }
        } catch (RuntimeException e) {
            // no endpoint matched (404, or a request refused before routing)
        }
        return ServerMetrics.UNMATCHED_ROUTE;
    }

    private static void closeLeftoverScope() {
        Scope scope = SCOPE.get();
        if (scope != null) {
            SCOPE.remove();
            scope.close();
        }
    }

    /**
     * One servlet request's span and timer ({@link #begin(HttpServletRequest)}). {@link #detach()} on the serving
     * thread when the servlet returns; {@link #end} once, when the response is complete (for an async response:
     * from its listener). Thread-safe.
     */
    public final class Exchange {
        private final String method;
        private final Span span;
        private final Scope scope;
        private final long start;
        private volatile String rateLimitScope;
        private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

        private Exchange(String method, Span span, Scope scope, long start) {
            this.method = method;
            this.span = span;
            this.scope = scope;
            this.start = start;
        }

        /** The span's trace id. */
        public String traceId() {
            return span.getSpanContext().getTraceId();
        }

        /** As {@link HttpTelemetry#rateLimited(Context, String)}. */
        public void rateLimited(String scope) {
            this.rateLimitScope = scope;
        }

        /** Ends the span's scope on the serving thread (the span stays open until {@link #end}). */
        public void detach() {
            scope.close();
        }

        /** Records the request under {@code route} with its final status and ends the span; later calls do nothing. */
        public void end(String route, int status) {
            if (ended.compareAndSet(false, true)) {
                try {
                    finish(route, method, status, System.nanoTime() - start, rateLimitScope, span);
                } catch (RuntimeException e) {
                    // telemetry must never fail a request
                }
            }
        }
    }
}
