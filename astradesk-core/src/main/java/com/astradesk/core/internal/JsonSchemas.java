package com.astradesk.core.internal;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;

/** Compiles and applies JSON Schemas (draft 2020-12) given as plain maps. Thread-safe. */
public final class JsonSchemas {
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private JsonSchemas() {}

    /** A compiled schema. */
    public static final class Compiled {
        private final Schema schema;

        private Compiled(Schema schema) {
            this.schema = schema;
        }

        /** Validation messages, each naming the offending location; empty when valid. */
        public List<String> validate(Object value) {
            return schema.validate(Json.toNode(value)).stream()
                    .map(JsonSchemas::describe)
                    .toList();
        }
    }

    /**
     * Compiles a schema.
     *
     * @throws IllegalArgumentException when the schema itself is invalid
     */
    public static Compiled compile(Map<String, Object> schema) {
        try {
            return new Compiled(REGISTRY.getSchema(Json.write(schema)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid JSON Schema: " + e.getMessage(), e);
        }
    }

    private static String describe(com.networknt.schema.Error error) {
        String location = error.getInstanceLocation() == null
                ? "$"
                : error.getInstanceLocation().toString();
        String property = error.getProperty();
        if (property != null && !location.endsWith(property)) {
            location = location + "." + property;
        }
        return location + ": " + error.getMessage();
    }
}
