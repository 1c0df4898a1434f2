package com.astradesk.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.json.internal.JsonMappers;
import com.astradesk.core.json.internal.PlainSchema;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain checks may only answer "valid" where the full draft 2020-12 validator agrees: every case below is
 * decided by both, and a plain "valid" the full validator refuses fails the test.
 */
class PlainSchemaTest {
    private static final SchemaRegistry FULL = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** Schemas of the shapes tools declare (the stock tools' among them), all within the plain subset. */
    static List<Map<String, Object>> schemas() {
        return List.of(
                Map.of("type", "object"),
                Map.of(),
                Map.of(
                        "type",
                        "object",
                        "additionalProperties",
                        false,
                        "required",
                        List.of("service"),
                        "properties",
                        Map.of(
                                "service", Map.of("type", "string", "enum", List.of("payments-api", "webapp")),
                                "window",
                                        Map.of(
                                                "type", "string",
                                                "pattern", "^[1-9][0-9]{0,3}[smhdw]$",
                                                "maxLength", 10,
                                                "default", "15m"))),
                Map.of(
                        "type",
                        "object",
                        "required",
                        List.of("title"),
                        "additionalProperties",
                        false,
                        "properties",
                        Map.of(
                                "title", Map.of("type", "string", "minLength", 1, "maxLength", 12),
                                "priority", Map.of("enum", List.of("low", "medium", "high", 3)),
                                "flag", Map.of("type", List.of("boolean", "null")),
                                "count", Map.of("type", "integer", "minimum", 0, "exclusiveMaximum", 10),
                                "ratio", Map.of("type", "number", "maximum", 1.5, "exclusiveMinimum", -2))),
                Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of(
                                "tags",
                                        Map.of(
                                                "type",
                                                "array",
                                                "minItems",
                                                1,
                                                "maxItems",
                                                3,
                                                "items",
                                                Map.of("type", "string", "pattern", "^[a-z]+")),
                                "nested",
                                        Map.of(
                                                "type", "object",
                                                "required", List.of("id"),
                                                "additionalProperties", Map.of("type", "integer"),
                                                "properties", Map.of("id", Map.of("const", "x")))),
                        "additionalProperties",
                        true),
                Map.of("type", List.of("string", "number"), "minLength", 2, "minimum", 1),
                Map.of("type", "array", "items", false),
                Map.of("type", "array", "items", true, "maxItems", 2));
    }

    @Test
    void should_compile_the_stock_tool_shapes_and_refuse_keywords_outside_the_subset() {
        assertThat(schemas()).allSatisfy(s -> assertThat(PlainSchema.compile(s)).isPresent());
        assertThat(PlainSchema.compile(Map.of("$ref", "#/$defs/x"))).isEmpty();
        assertThat(PlainSchema.compile(Map.of("type", "string", "format", "email")))
                .isEmpty();
        assertThat(PlainSchema.compile(Map.of("oneOf", List.of(Map.of("type", "string")))))
                .isEmpty();
        assertThat(PlainSchema.compile(Map.of("type", "string", "pattern", "\\p{L}+")))
                .isEmpty();
        assertThat(PlainSchema.compile(Map.of("type", "number", "multipleOf", 2)))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void should_never_accept_a_value_the_full_validator_refuses(Map<String, Object> schemaMap) {
        // given
        PlainSchema plain = PlainSchema.compile(schemaMap).orElseThrow();
        Schema full = FULL.getSchema(Json.write(schemaMap));
        Random random = new Random(schemaMap.hashCode());
        int accepted = 0;
        int validForFull = 0;

        for (int i = 0; i < 3_000; i++) {
            Object value = i % 2 == 0 ? randomObject(random, schemaMap) : randomValue(random, 2);

            // when
            boolean fast = plain.accepts(value);
            boolean reallyValid = full.validate(JsonMappers.toNode(value)).isEmpty();

            // then
            if (fast) {
                assertThat(reallyValid)
                        .as("plain accepted %s under %s", value, schemaMap)
                        .isTrue();
                accepted++;
            }
            if (reallyValid) {
                validForFull++;
            }
        }
        // the fast path decides most valid values itself (otherwise it is dead weight)
        assertThat(accepted).isGreaterThanOrEqualTo(validForFull / 2);
    }

    @Test
    void should_accept_a_valid_get_metrics_call_without_the_full_validator_and_word_an_invalid_one() {
        // given
        JsonSchemas.Compiled compiled = JsonSchemas.compile(schemas().get(2));

        // when / then
        assertThat(compiled.hasPlainChecks()).isTrue();
        assertThat(compiled.validate(Map.of("service", "payments-api", "window", "15m")))
                .isEmpty();
        assertThat(compiled.validate(Map.of("service", "payments-api", "window", "15m\n")))
                .isNotEmpty();
        assertThat(compiled.validate(Map.of("service", "nope")))
                .singleElement()
                .asString()
                .startsWith("$.service");
    }

    @Test
    void should_leave_floats_for_integers_and_foreign_objects_to_the_full_validator() {
        PlainSchema integer = PlainSchema.compile(Map.of("type", "integer")).orElseThrow();
        assertThat(integer.accepts(3)).isTrue();
        assertThat(integer.accepts(3.0)).isFalse();
        assertThat(integer.accepts(new BigDecimal("3.0"))).isFalse();
        assertThat(PlainSchema.compile(Map.of()).orElseThrow().accepts(java.time.Instant.EPOCH))
                .isTrue();
        assertThat(PlainSchema.compile(Map.of("type", "string")).orElseThrow().accepts(java.time.Instant.EPOCH))
                .isFalse();
    }

    /** Objects that use the schema's property names (so that properties, enums and patterns are exercised). */
    @SuppressWarnings("unchecked")
    private static Object randomObject(Random random, Map<String, Object> schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        // Map.of iterates in a per-JVM order: sort, so that a schema's values are the same on every run
        for (String name : new TreeSet<>(properties.keySet())) {
            if (random.nextInt(4) > 0) {
                out.put(name, randomValue(random, 2));
            }
        }
        if (random.nextInt(5) == 0) {
            out.put(pick(random, "extra", "window", "id", "n"), randomValue(random, 1));
        }
        return out;
    }

    private static Object randomValue(Random random, int depth) {
        List<Supplier<Object>> kinds = new ArrayList<>(List.of(
                () -> pick(
                        random,
                        "payments-api",
                        "webapp",
                        "15m",
                        "1h",
                        "15m\n",
                        "0m",
                        "99999m",
                        "abc",
                        "ABC",
                        "",
                        "x",
                        "low",
                        "medium",
                        "high",
                        "ąę",
                        "\uD83D\uDE00\uD83D\uDE00",
                        "a".repeat(12),
                        "a".repeat(13),
                        "12345678901"),
                () -> random.nextInt(21) - 5,
                () -> (long) random.nextInt(21) - 5,
                () -> (random.nextInt(41) - 10) / 4.0,
                () -> new BigDecimal(random.nextInt(9) + ".0"),
                () -> random.nextBoolean(),
                () -> null,
                () -> 3));
        if (depth > 0) {
            kinds.add(() -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(randomValue(random, depth - 1));
                }
                return list;
            });
            kinds.add(() -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put(pick(random, "id", "n", "x"), randomValue(random, depth - 1));
                }
                return map;
            });
        }
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
