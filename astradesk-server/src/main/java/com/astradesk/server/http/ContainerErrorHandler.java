package com.astradesk.server.http;

import com.astradesk.server.support.internal.ServerJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Jetty's error handler, for the errors the HTTP container answers itself before any route runs (oversized
 * headers, a URI too long or malformed, a broken request line, an unsupported HTTP version ...): the same
 * {@code application/problem+json} body as every other error, with a stable {@code code} per kind, a fresh
 * {@code request_id} (or the caller's, when its headers could be read), and never Jetty's text, which may echo
 * request bytes. Logged on the access logger like every other response. Thread-safe.
 */
final class ContainerErrorHandler extends ErrorHandler {
    /** The access log of every other response ({@link AstraDeskServer}'s request logger). */
    private static final Logger ACCESS = LoggerFactory.getLogger("com.astradesk.server.access");

    private static final int MAX_LOGGED_PATH = 120;
    private static final String UNREADABLE_METHOD = "BAD";

    /** A problem's code and fixed detail for a container status. */
    record Kind(String code, String detail) {}

    /** Answers every method, not only GET, POST and HEAD as Jetty's default does. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        Kind kind = kindOf(status, message, cause);
        String requestId = Optional.ofNullable(request.getHeaders().get(RequestIds.HEADER))
                .filter(RequestIds::isSane)
                .orElseGet(() -> UUID.randomUUID().toString());
        log(request, status, message, requestId);
        byte[] body = ServerJson.write(ProblemMapper.body(status, kind.code(), kind.detail(), requestId, Map.of()))
                .getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The problem for a status the container answered, given Jetty's reason and cause (never echoed). */
    static Kind kindOf(int status, String reason, Throwable cause) {
        return switch (status) {
            case 400 ->
                isAboutTheUri(reason, cause)
                        ? new Kind("invalid_uri", "the request URI is malformed (bad percent-encoding or path)")
                        : new Kind("malformed_request", "the request is not valid HTTP (request line or headers)");
            case 404 -> new Kind("not_found", "no route matches the request");
            case 405 -> new Kind("method_not_allowed", "the method is not allowed here");
            case 408 -> new Kind("request_timeout", "the request was not received in time");
            case 413 -> new Kind("payload_too_large", "request body is too large");
            case 414 -> new Kind("uri_too_long", "the request URI is longer than the server accepts");
            case 417 -> new Kind("expectation_failed", "the Expect header cannot be met");
            case 431 -> new Kind("request_headers_too_large", "the request headers are larger than the server accepts");
            case 501 -> new Kind("not_implemented", "the request uses a feature the server does not implement");
            case 503 -> new Kind("service_unavailable", "the server is not accepting requests right now");
            case 505 -> new Kind("http_version_not_supported", "only HTTP/1.0, HTTP/1.1 and HTTP/2 are supported");
            default ->
                status >= 400 && status < 500
                        ? new Kind("bad_request", "the request cannot be processed")
                        : new Kind(
                                "internal_error", "an internal error occurred; quote the request_id when reporting it");
        };
    }

    /**
     * Jetty names URI problems in its reason ("Bad URI", "Illegal Path Character", "No URI") or fails decoding a
     * percent-escape ({@code NumberFormatException: !hex}); {@code ContainerErrorsHttpTest} pins these cases.
     */
    private static boolean isAboutTheUri(String reason, Throwable cause) {
        if (mentionsUri(reason)) {
            return true;
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            boolean badEscape = t instanceof NumberFormatException
                    && t.getMessage() != null
                    && t.getMessage().contains("hex");
            if (badEscape || mentionsUri(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsUri(String text) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("uri") || lower.contains("path");
    }

    private static void log(Request request, int status, String reason, String requestId) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        // Jetty names a request whose request line it could not read "BAD /badMessage"
        String what = UNREADABLE_METHOD.equals(request.getMethod())
                ? "(unreadable request line)"
                : request.getMethod() + " " + shortened(request.getHttpURI().getPath());
        MDC.put("request_id", requestId);
        MDC.put("status", Integer.toString(status));
        try {
            ACCESS.info("{} -> {} (refused by the HTTP container: {})", what, status, reason);
        } finally {
            MDC.clear();
        }
    }

    private static String shortened(String path) {
        return path == null || path.length() <= MAX_LOGGED_PATH ? path : path.substring(0, MAX_LOGGED_PATH) + "...";
    }
}
