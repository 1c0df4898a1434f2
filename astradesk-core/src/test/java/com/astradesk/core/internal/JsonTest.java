package com.astradesk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void should_write_canonical_json_with_sorted_keys_at_every_level() {
        // given
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1);
        value.put("a", Map.of("d", 2, "c", List.of(Map.of("z", true, "y", "ż"))));

        // when
        String json = Json.canonical(value);

        // then
        assertThat(json).isEqualTo("{\"a\":{\"c\":[{\"y\":\"ż\",\"z\":true}],\"d\":2},\"b\":1}");
    }

    @Test
    void should_write_instants_as_iso_strings() {
        assertThat(Json.write(Map.of("ts", Instant.parse("2026-01-01T00:00:00Z"))))
                .isEqualTo("{\"ts\":\"2026-01-01T00:00:00Z\"}");
    }
}
