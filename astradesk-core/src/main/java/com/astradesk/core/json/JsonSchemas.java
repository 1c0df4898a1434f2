package com.astradesk.core.json;

import com.astradesk.core.json.internal.JsonMappers;
import com.astradesk.core.json.internal.PlainSchema;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Compiles and applies JSON Schemas (draft 2020-12) given as plain maps. Thread-safe. */
public final class JsonSchemas {
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** The draft 2020-12 meta-schema (bundled with networknt), so a broken tool schema fails at registration. */
    private static final Compiled META_SCHEMA = new Compiled(
            REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema")), Optional.empty());

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private JsonSchemas() {}

    /**
     * A compiled schema. When the schema stays within the plain subset ({@link PlainSchema}), a valid value is
     * recognised directly on the maps and lists; only a value that may be invalid is converted to a tree for the full
     * validator, which decides and words the messages. Immutable and thread-safe.
     */
    public static final class Compiled {
        private final Schema schema;
        private final Optional<PlainSchema> plain;

        private Compiled(Schema schema, Optional<PlainSchema> plain) {
            this.schema = schema;
            this.plain = plain;
        }

        /** Validation messages, each naming the offending location; empty when valid. */
        public List<String> validate(Object value) {
            if (plain.isPresent() && plain.get().accepts(value)) {
                return List.of();
            }
            return schema.validate(JsonMappers.toNode(value)).stream()
                    .map(JsonSchemas::describe)
                    .toList();
        }

        /** Whether valid values are recognised without the full validator (for tests and diagnostics). */
        public boolean hasPlainChecks() {
            return plain.isPresent();
        }
    }

    /**
     * Compiles a schema.
     *
     * @throws IllegalArgumentException when the schema itself is invalid
     */
    public static Compiled compile(Map<String, Object> schema) {
        List<String> problems = META_SCHEMA.validate(schema);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid JSON Schema: " + String.join("; ", problems));
        }
        try {
            return new Compiled(REGISTRY.getSchema(Json.write(schema)), PlainSchema.compile(schema));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid JSON Schema: " + e.getMessage(), e);
        }
    }

    /** {@code $.a.b[0]}-style location of the offending value, plus the property a keyword names. */
    private static String describe(com.networknt.schema.Error error) {
        StringBuilder location = new StringBuilder("$");
        NodePath path = error.getInstanceLocation();
        if (path != null) {
            for (int i = 0; i < path.getNameCount(); i++) {
                appendSegment(location, path.getElement(i));
            }
        }
        String property = error.getProperty();
        if (property != null && !property.isEmpty()) {
            appendSegment(location, property);
        }
        return location + ": " + error.getMessage();
    }

    private static void appendSegment(StringBuilder location, Object segment) {
        if (segment instanceof Integer index) {
            location.append('[').append(index).append(']');
        } else if (PLAIN_NAME.matcher(String.valueOf(segment)).matches()) {
            location.append('.').append(segment);
        } else {
            location.append("['")
                    .append(String.valueOf(segment).replace("'", "\\'"))
                    .append("']");
        }
    }
}
