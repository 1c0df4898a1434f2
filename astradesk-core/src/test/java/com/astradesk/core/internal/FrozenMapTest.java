package com.astradesk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link FrozenMap} against {@code Collections.unmodifiableMap(new LinkedHashMap<>(map))}, which it replaces. */
class FrozenMapTest {

    private static Map<String, Object> source() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", null);
        m.put("m", List.of("x", Map.of("k", 2.5)));
        return m;
    }

    @Test
    void should_read_iterate_print_and_compare_like_the_unmodifiable_copy() {
        // given
        Map<String, Object> frozen = FrozenMap.copyOf(source());
        Map<String, Object> previous = Collections.unmodifiableMap(new LinkedHashMap<>(source()));

        // then
        assertThat(frozen).isEqualTo(previous).hasSameHashCodeAs(previous);
        assertThat(previous).isEqualTo(frozen);
        assertThat(frozen.toString()).isEqualTo(previous.toString());
        assertThat(new ArrayList<>(frozen.keySet())).containsExactly("z", "a", "m");
        assertThat(new ArrayList<>(frozen.values())).isEqualTo(new ArrayList<>(previous.values()));
        assertThat(frozen.get("a")).isNull();
        assertThat(frozen.containsKey("a")).isTrue();
        assertThat(frozen.getOrDefault("missing", "d")).isEqualTo("d");
        assertThat(Json.write(frozen)).isEqualTo(Json.write(previous));
        assertThat(Json.canonical(frozen)).isEqualTo(Json.canonical(previous));
    }

    static Stream<Arguments> mutators() {
        return Stream.of(
                Arguments.of("put", (Consumer<Map<String, Object>>) m -> m.put("z", 2)),
                Arguments.of("remove", (Consumer<Map<String, Object>>) m -> m.remove("z")),
                Arguments.of("putAll", (Consumer<Map<String, Object>>) m -> m.putAll(Map.of("q", 1))),
                Arguments.of("clear", (Consumer<Map<String, Object>>) Map::clear),
                Arguments.of(
                        "putIfAbsent of a present key", (Consumer<Map<String, Object>>) m -> m.putIfAbsent("z", 3)),
                Arguments.of("computeIfAbsent of a present key", (Consumer<Map<String, Object>>)
                        m -> m.computeIfAbsent("z", k -> 3)),
                Arguments.of("merge", (Consumer<Map<String, Object>>) m -> m.merge("z", 1, (a, b) -> b)),
                Arguments.of("replaceAll", (Consumer<Map<String, Object>>) m -> m.replaceAll((k, v) -> v)),
                Arguments.of("entry setValue", (Consumer<Map<String, Object>>)
                        m -> m.entrySet().iterator().next().setValue(5)),
                Arguments.of("keySet remove", (Consumer<Map<String, Object>>)
                        m -> m.keySet().remove("z")),
                Arguments.of("values clear", (Consumer<Map<String, Object>>)
                        m -> m.values().clear()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutators")
    void should_refuse_every_change_as_the_unmodifiable_copy_does(String name, Consumer<Map<String, Object>> change) {
        Map<String, Object> previous = Collections.unmodifiableMap(new LinkedHashMap<>(source()));
        assertThatThrownBy(() -> change.accept(previous)).isInstanceOf(UnsupportedOperationException.class);

        Map<String, Object> frozen = FrozenMap.copyOf(source());
        assertThatThrownBy(() -> change.accept(frozen)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(frozen).isEqualTo(source());
    }

    @Test
    void should_copy_a_map_once_and_share_its_own_copies() {
        // given
        Map<String, Object> mutable = source();
        Map<String, Object> frozen = FrozenMap.copyOf(mutable);

        // when
        mutable.put("later", true);

        // then: detached from its source, and not copied again
        assertThat(frozen).doesNotContainKey("later");
        assertThat(FrozenMap.copyOf(frozen)).isSameAs(frozen);
    }

    @Test
    void should_let_a_derived_record_share_the_arguments_of_the_record_it_came_from() {
        // given
        AuditRecord record = AuditRecord.builder()
                .withTs(Instant.parse("2026-12-08T03:00:00Z"))
                .withActor("alice")
                .withAction("get_metrics")
                .withDecision(AuditDecision.ALLOWED)
                .withArgs(source())
                .build();

        // when
        AuditRecord chained = record.chained(Optional.empty(), "h");

        // then
        assertThat(chained.args()).isSameAs(record.args()).isEqualTo(source());
    }
}
