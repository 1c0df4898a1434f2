package com.astradesk.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;

/** The core's one Jackson mapper (internal: Jackson never appears in the public API). Thread-safe. */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();
    private static final JsonMapper CANONICAL = MAPPER.rebuild()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonNode toNode(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** JSON with map keys and properties sorted: the same value always gives the same bytes. */
    public static String canonical(Object value) {
        try {
            // plain values (what audit records hold) are written in one pass; anything else (records, beans,
            // dates, floats) is first normalised through a tree, which gives the same bytes for plain values
            return isPlain(value, 0)
                    ? CANONICAL.writeValueAsString(value)
                    : CANONICAL.writeValueAsString(CANONICAL.treeToValue(CANONICAL.valueToTree(value), Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Strings, booleans, integers, doubles, null, and maps (string keys) and lists of those, not too deep. */
    static boolean isPlain(Object value, int depth) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof java.math.BigInteger) {
            return true;
        }
        if (depth > 32) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !isPlain(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof java.util.List<?> list) {
            for (Object item : list) {
                if (!isPlain(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The tree round trip alone, for tests comparing it with the one-pass path. */
    static String canonicalThroughTree(Object value) throws JsonProcessingException {
        return CANONICAL.writeValueAsString(CANONICAL.treeToValue(CANONICAL.valueToTree(value), Object.class));
    }

    /** Parses a JSON object into plain maps/lists. */
    public static Map<String, Object> readObject(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
