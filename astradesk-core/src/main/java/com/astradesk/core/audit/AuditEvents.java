package com.astradesk.core.audit;

import com.astradesk.core.internal.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The v1 wire codec of audit events: {@link #toJson} writes {@link AuditChain#toWire} as JSON,
 * {@link #fromJson} reads it back and checks the schema, so that a consumer recomputes exactly the hash the
 * producer stored. Thread-safe (stateless).
 */
public final class AuditEvents {
    /** The only schema version this codec writes and reads. */
    public static final int SCHEMA_VERSION = 1;

    private AuditEvents() {}

    /** The event as v1 wire JSON. */
    public static String toJson(AuditRecord record) {
        return Json.write(AuditChain.toWire(record));
    }

    /**
     * Parses v1 wire JSON.
     *
     * @throws AuditEventFormatException when the text is not a v1 audit event
     */
    public static AuditRecord fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new AuditEventFormatException("", "audit event is empty");
        }
        Map<String, Object> wire;
        try {
            wire = Json.readObject(json);
        } catch (IllegalArgumentException e) {
            throw new AuditEventFormatException("", "audit event is not a JSON object", e);
        }
        if (wire == null) {
            throw new AuditEventFormatException("", "audit event is not a JSON object");
        }
        return fromWire(wire);
    }

    /**
     * Reads a parsed v1 wire map.
     *
     * @throws AuditEventFormatException when a required field is missing or of the wrong type
     */
    public static AuditRecord fromWire(Map<String, Object> wire) {
        Object version = wire.get("schema_version");
        if (!(version instanceof Number n) || n.intValue() != SCHEMA_VERSION) {
            throw new AuditEventFormatException(
                    "schema_version", "unsupported audit schema_version: " + version + " (expected 1)");
        }
        return new AuditRecord(
                required(wire, "event_id"),
                timestamp(required(wire, "ts")),
                required(wire, "actor"),
                optional(wire, "tenant"),
                required(wire, "action"),
                decision(required(wire, "decision")),
                optional(wire, "tool"),
                optional(wire, "side_effect"),
                args(wire.get("args")),
                optional(wire, "request_id"),
                optional(wire, "trace_id"),
                optional(wire, "run_id"),
                optional(wire, "prev_hash"),
                optional(wire, "hash"));
    }

    private static String required(Map<String, Object> wire, String field) {
        Object v = wire.get(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new AuditEventFormatException(field, "audit event field '" + field + "' must be a non-empty string");
        }
        return s;
    }

    private static Optional<String> optional(Map<String, Object> wire, String field) {
        Object v = wire.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new AuditEventFormatException(field, "audit event field '" + field + "' must be a string or null");
        }
        return Optional.of(s);
    }

    private static Instant timestamp(String ts) {
        try {
            return Instant.parse(ts);
        } catch (DateTimeParseException e) {
            throw new AuditEventFormatException("ts", "audit event field 'ts' is not an ISO-8601 instant", e);
        }
    }

    private static AuditDecision decision(String value) {
        try {
            return AuditDecision.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AuditEventFormatException(
                    "decision", "audit event field 'decision' must be allowed, denied or error", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> args(Object v) {
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new AuditEventFormatException("args", "audit event field 'args' must be an object");
        }
        return (Map<String, Object>) v;
    }
}
