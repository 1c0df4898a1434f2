package com.astradesk.core.json;

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
    void should_write_plain_values_in_one_pass_with_the_same_bytes_as_the_tree_round_trip() throws Exception {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 500; i++) {
            Object value = randomPlain(random, 0);
            assertThat(Json.isPlain(value, 0)).isTrue();
            assertThat(Json.canonical(value)).isEqualTo(Json.canonicalThroughTree(value));
        }
    }

    @Test
    void should_normalise_values_that_are_not_plain_through_the_tree() throws Exception {
        record Point(int y, int x) {}
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("p", new Point(2, 1));
        value.put("f", 1.5f);
        value.put("ts", Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(Json.isPlain(value, 0)).isFalse();
        assertThat(Json.canonical(value))
                .isEqualTo(Json.canonicalThroughTree(value))
                .isEqualTo("{\"f\":1.5,\"p\":{\"x\":1,\"y\":2},\"ts\":\"2026-01-01T00:00:00Z\"}");
    }

    private static Object randomPlain(java.util.Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 7 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> "s" + random.nextInt(1000) + (random.nextBoolean() ? "ż\"\\\n\u0001" : "");
            case 2 -> random.nextBoolean();
            case 3 -> random.nextInt();
            case 4 -> random.nextLong();
            case 5 -> random.nextDouble() * 1e6;
            case 6 -> java.math.BigInteger.valueOf(random.nextLong()).pow(2);
            case 7 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int k = random.nextInt(5); k > 0; k--) {
                    m.put(Integer.toString(random.nextInt(100), 36), randomPlain(random, depth + 1));
                }
                yield m;
            }
            default -> {
                java.util.List<Object> l = new java.util.ArrayList<>();
                for (int k = random.nextInt(4); k > 0; k--) {
                    l.add(randomPlain(random, depth + 1));
                }
                yield l;
            }
        };
    }

    @Test
    void should_write_instants_as_iso_strings() {
        assertThat(Json.write(Map.of("ts", Instant.parse("2026-01-01T00:00:00Z"))))
                .isEqualTo("{\"ts\":\"2026-01-01T00:00:00Z\"}");
    }
}
