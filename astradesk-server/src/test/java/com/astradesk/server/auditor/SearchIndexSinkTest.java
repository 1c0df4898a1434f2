package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditTestEvents;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchIndexSinkTest {
    private final FakeSearchServer search = startSearch();
    private final SearchIndexSink sink = new SearchIndexSink(SearchIndexConfig.of(search.url()));

    private static FakeSearchServer startSearch() {
        try {
            return new FakeSearchServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<AuditEvent> events(int n) {
        return AuditTestEvents.chain(n).stream()
                .map(r -> AuditEvent.parse(AuditEvents.toJson(r)))
                .toList();
    }

    @AfterEach
    void stop() {
        search.close();
    }

    @Test
    void should_index_each_event_by_id_into_the_monthly_index() {
        List<AuditEvent> batch = events(3);

        var failed = sink.write(batch);

        assertThat(failed).isEmpty();
        assertThat(search.countIn("astradesk-audit-2026.11")).isEqualTo(3);
        assertThat(search.docs)
                .containsKey("astradesk-audit-2026.11/" + batch.get(0).eventId());
    }

    @Test
    void should_count_an_already_indexed_event_as_stored() {
        List<AuditEvent> batch = events(2);
        sink.write(batch.subList(0, 1));

        var failed = sink.write(batch);

        assertThat(failed).isEmpty();
        assertThat(search.countIn("astradesk-audit-2026.11")).isEqualTo(2);
    }

    @Test
    void should_return_only_the_items_the_cluster_rejected() {
        List<AuditEvent> batch = events(3);
        search.rejectIds.add(batch.get(1).eventId());

        var failed = sink.write(batch);

        assertThat(failed).containsExactly(batch.get(1).eventId());
        assertThat(search.countIn("astradesk-audit-2026.11")).isEqualTo(2);
    }

    @Test
    void should_fail_the_whole_batch_when_the_cluster_is_down() {
        search.down.set(true);

        assertThatThrownBy(() -> sink.write(events(2)))
                .isInstanceOf(SinkUnavailableException.class)
                .hasMessageContaining("503");
    }

    @Test
    void should_not_print_the_authorization_header() {
        SearchIndexConfig config = new SearchIndexConfig(
                search.url(),
                "astradesk-audit-",
                java.util.Optional.of("ApiKey c2VjcmV0"),
                java.time.Duration.ofSeconds(2));

        assertThat(config.toString()).doesNotContain("c2VjcmV0");
    }
}
