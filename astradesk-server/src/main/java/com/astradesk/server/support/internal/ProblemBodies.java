package com.astradesk.server.support.internal;

import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 {@code application/problem+json} bodies: {@code type, title, status, detail, code, request_id} plus
 * extension members. Shared by the API server's problem mapper and the model gateway's authentication refusals.
 * Stateless.
 */
public final class ProblemBodies {
    /** The problem media type. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemBodies() {}

    /** A problem body; {@code extensions} never replace the standard members. */
    public static Map<String, Object> body(
            int status, String code, String detail, String requestId, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:astradesk:problem:" + code);
        body.put("title", reason(status));
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        body.put("request_id", requestId);
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    /** The HTTP reason phrase of {@code status}, or {@code Error}. */
    public static String reason(int status) {
        HttpStatus s = HttpStatus.forStatus(status);
        return s == HttpStatus.UNKNOWN ? "Error" : s.getMessage();
    }
}
