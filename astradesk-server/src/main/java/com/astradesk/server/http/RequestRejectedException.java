package com.astradesk.server.http;

import com.astradesk.core.AstraDeskException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The request itself is unacceptable (bad JSON, a bad field, an unknown agent, a body too large, a wrong
 * content type). Carries the HTTP status, the wire {@code code}, the offending field and any extra problem
 * members; the message is safe to show the caller.
 */
public class RequestRejectedException extends AstraDeskException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final Optional<String> field;
    private final transient Map<String, Object> extensions;

    public RequestRejectedException(
            int status, String code, Optional<String> field, String message, Map<String, Object> extensions) {
        super(message);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.field = Objects.requireNonNullElse(field, Optional.empty());
        this.extensions = Map.copyOf(extensions);
    }

    /** 400 for a missing or invalid field. */
    public static RequestRejectedException invalidField(String code, String field, String message) {
        return new RequestRejectedException(400, code, Optional.of(field), message, Map.of());
    }

    /** 400 for a body that is not JSON. */
    public static RequestRejectedException malformedJson(String message) {
        return new RequestRejectedException(400, "malformed_json", Optional.empty(), message, Map.of());
    }

    /** 413 for a body over the limit. */
    public static RequestRejectedException payloadTooLarge(int maxBytes) {
        return new RequestRejectedException(
                413,
                "payload_too_large",
                Optional.empty(),
                "request body exceeds " + maxBytes + " bytes",
                Map.of("max_bytes", maxBytes));
    }

    /** 415 for a body that is not declared as JSON. */
    public static RequestRejectedException unsupportedMediaType() {
        return new RequestRejectedException(
                415,
                "unsupported_media_type",
                Optional.empty(),
                "request body must be sent with Content-Type: application/json",
                Map.of());
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The wire code. */
    public String code() {
        return code;
    }

    /** The offending field, when one is to blame. */
    public Optional<String> field() {
        return field;
    }

    /** Extra problem members (e.g. {@code valid_agents}). */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
