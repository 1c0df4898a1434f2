package com.astradesk.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

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

    /** The value as a Jackson tree. */
    public static JsonNode toNode(Object value) {
        return MAPPER.valueToTree(value);
    }
}
