package com.astradesk.core.json;

import com.astradesk.core.json.internal.JsonMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * JSON as plain Java values (maps, lists, strings, numbers, booleans): writing, canonical writing (the bytes the
 * audit hash covers) and reading an object. Used by core, the model module and the server, so every module
 * writes the same JSON for the same value. Jackson stays an implementation detail. Thread-safe (stateless).
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMappers.mapper();
    private static final JsonMapper CANONICAL = JsonMappers.canonical();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private Json() {}

    /**
     * The value as JSON text.
     *
     * @throws IllegalArgumentException when the value cannot be written as JSON
     */
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
        return JsonMappers.isPlain(value, depth);
    }

    /** The tree round trip alone, for tests comparing it with the one-pass path. */
    static String canonicalThroughTree(Object value) throws JsonProcessingException {
        return CANONICAL.writeValueAsString(CANONICAL.treeToValue(CANONICAL.valueToTree(value), Object.class));
    }

    /**
     * Parses a JSON object into plain maps/lists.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static Map<String, Object> readObject(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
