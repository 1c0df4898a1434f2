package com.astradesk.core.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Core's Jackson mappers (internal: Jackson never appears in the public API; {@link com.astradesk.core.json.Json}
 * is the public face). Dates and durations are written as ISO text. Thread-safe.
 */
public final class JsonMappers {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();
    private static final JsonMapper CANONICAL = MAPPER.rebuild()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private JsonMappers() {}

    /** The shared mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** The mapper that sorts map keys and properties (canonical JSON). */
    public static JsonMapper canonical() {
        return CANONICAL;
    }

    /**
     * Writes {@code value} at the generator's position exactly as {@link com.astradesk.core.json.Json#canonical}
     * writes it (the generator must come from {@link #canonical()}): plain values in one pass, anything else through
     * a tree first. {@code depth} is the value's depth in the document being written (the plain check's limit counts
     * from the document's root).
     */
    public static void writeCanonical(JsonGenerator generator, Object value, int depth) throws IOException {
        CANONICAL.writeValue(
                generator,
                isPlain(value, depth) ? value : CANONICAL.treeToValue(CANONICAL.valueToTree(value), Object.class));
    }

    /**
     * Strings, booleans, integers, doubles, null, and maps (string keys) and lists of those, at most 32 levels below
     * {@code depth}: what canonical JSON writes in one pass.
     */
    public static boolean isPlain(Object value, int depth) {
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
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!isPlain(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The value as a Jackson tree. */
    public static JsonNode toNode(Object value) {
        return MAPPER.valueToTree(value);
    }
}
