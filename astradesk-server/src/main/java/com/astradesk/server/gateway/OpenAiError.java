package com.astradesk.server.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure answered with OpenAI's error shape, {@code {"error":{"message","type","param","code"}}}, so OpenAI
 * clients surface it as they would OpenAI's own. The message never echoes request text or a token. Immutable.
 */
final class OpenAiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** OpenAI's type of a bad request. */
    static final String INVALID_REQUEST = "invalid_request_error";

    private final int status;
    private final String type;
    private final String code;
    private final transient Optional<String> param;
    private final transient Map<String, String> headers;

    OpenAiError(
            int status, String type, String code, Optional<String> param, String message, Map<String, String> headers) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.code = Objects.requireNonNull(code, "code");
        this.param = Objects.requireNonNull(param, "param");
        this.headers = Map.copyOf(headers);
    }

    /** A 400 {@code invalid_request_error} about one request field. */
    static OpenAiError invalid(String param, String code, String message) {
        return new OpenAiError(400, INVALID_REQUEST, code, Optional.of(param), message, Map.of());
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String code() {
        return code;
    }

    /** Response headers that go with the error (e.g. {@code Retry-After}). */
    Map<String, String> headers() {
        return headers;
    }

    /** The wire body. */
    Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param.orElse(null));
        error.put("code", code);
        return Map.of("error", error);
    }
}
