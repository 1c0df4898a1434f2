package com.astradesk.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
    private final JsonSchemas.Compiled schema = JsonSchemas.compile(Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                    "items",
                    Map.of(
                            "type",
                            "array",
                            "items",
                            Map.of(
                                    "type",
                                    "object",
                                    "required",
                                    List.of("name"),
                                    "properties",
                                    Map.of("name", Map.of("type", "string")))),
                    "odd key",
                    Map.of("type", "integer"))));

    @Test
    void should_name_nested_and_array_locations_once() {
        // when
        List<String> problems = schema.validate(Map.of("items", List.of(Map.of("name", "ok"), Map.of())));

        // then
        assertThat(problems).containsExactly("$.items[1].name: required property 'name' not found");
    }

    @Test
    void should_quote_property_names_that_are_not_plain_identifiers() {
        assertThat(schema.validate(Map.of("odd key", "x")))
                .containsExactly("$['odd key']: string found, integer expected");
    }

    @Test
    void should_accept_a_valid_value() {
        assertThat(schema.validate(Map.of("items", List.of(Map.of("name", "a")))))
                .isEmpty();
    }

    @Test
    void should_refuse_a_schema_that_breaks_the_meta_schema() {
        assertThatThrownBy(() -> JsonSchemas.compile(Map.of("type", "object", "required", "title")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON Schema: $.required");
    }
}
