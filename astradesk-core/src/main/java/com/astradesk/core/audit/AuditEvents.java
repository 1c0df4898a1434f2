package com.astradesk.core.audit;

import com.astradesk.core.json.Json;
import com.astradesk.core.json.internal.JsonMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
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

    /** Reads JSON objects refusing a key given twice (the hash would cover only one of the values). */
    private static final ObjectReader STRICT_READER = JsonMappers.mapper()
            .readerFor(new TypeReference<Map<String, Object>>() {})
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private static final int SHOWN_VALUE_CHARS = 80;

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
     * Parses a <em>stored</em> v1 event for verification: like {@link #fromJson}, and also refuses anything the
     * record's hash does not cover, so that the stored text says exactly what was hashed. Refused: a key that
     * is not a v1 field, a key given twice, a v1 key that is missing, and a field whose stored form differs from
     * the form that is hashed (e.g. {@code "ALLOWED"} for {@code "allowed"}, a timestamp with nanoseconds,
     * {@code 1.0} for the schema version). The hash itself is not checked here (see {@link AuditChain}).
     *
     * @throws AuditEventFormatException naming the field at fault
     */
    public static AuditRecord fromStoredJson(String json) {
        if (json == null || json.isBlank()) {
            throw new AuditEventFormatException("", "audit event is empty");
        }
        Map<String, Object> stored;
        try {
            stored = STRICT_READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new AuditEventFormatException("", "audit event is not a JSON object: " + e.getOriginalMessage(), e);
        }
        if (stored == null) {
            throw new AuditEventFormatException("", "audit event is not a JSON object");
        }
        AuditRecord record = fromWire(stored);
        Map<String, Object> hashed = AuditChain.toWire(record);
        for (String key : stored.keySet()) {
            if (!hashed.containsKey(key)) {
                throw new AuditEventFormatException(key, "key '" + key + "' is not covered by the hash");
            }
        }
        for (Map.Entry<String, Object> field : hashed.entrySet()) {
            String key = field.getKey();
            if (!stored.containsKey(key)) {
                throw new AuditEventFormatException(
                        key, "key '" + key + "' is missing (hashed as " + shown(field.getValue()) + ")");
            }
            String storedForm = Json.canonical(stored.get(key));
            String hashedForm = Json.canonical(field.getValue());
            if (!storedForm.equals(hashedForm)) {
                throw new AuditEventFormatException(
                        key,
                        "field '" + key + "' is stored as " + shown(stored.get(key)) + " but hashed as "
                                + shown(field.getValue()));
            }
        }
        return record;
    }

    private static String shown(Object value) {
        String text = Json.canonical(value);
        return text.length() <= SHOWN_VALUE_CHARS ? text : text.substring(0, SHOWN_VALUE_CHARS) + "...";
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
        return AuditRecord.builder()
                .withEventId(required(wire, "event_id"))
                .withTs(timestamp(required(wire, "ts")))
                .withActor(required(wire, "actor"))
                .withTenant(optional(wire, "tenant"))
                .withAction(required(wire, "action"))
                .withDecision(decision(required(wire, "decision")))
                .withTool(optional(wire, "tool"))
                .withSideEffect(optional(wire, "side_effect"))
                .withArgs(args(wire.get("args")))
                .withRequestId(optional(wire, "request_id"))
                .withTraceId(optional(wire, "trace_id"))
                .withRunId(optional(wire, "run_id"))
                .withPrevHash(optional(wire, "prev_hash"))
                .withHash(optional(wire, "hash"))
                .build();
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
