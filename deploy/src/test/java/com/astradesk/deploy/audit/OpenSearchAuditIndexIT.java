package com.astradesk.deploy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.server.auditor.AuditEvent;
import com.astradesk.server.auditor.SearchIndexConfig;
import com.astradesk.server.auditor.SearchIndexSink;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit index sink against a real (embedded) OpenSearch 2.19.6 node. */
class OpenSearchAuditIndexIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedOpenSearch node;

    @BeforeAll
    static void startNode() throws Exception {
        node = EmbeddedOpenSearch.start();
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    private static List<AuditEvent> events(int n) {
        return AuditTestEvents.chain(n).stream()
                .map(r -> AuditEvent.parse(AuditEvents.toJson(r)))
                .toList();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(node.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(r.body());
    }

    private static long count(String index) throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(node.url() + "/" + index + "/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return get("/" + index + "/_count").path("count").asLong();
    }

    @Test
    void should_index_events_by_id_into_the_monthly_index_and_stay_idempotent() throws Exception {
        // given
        SearchIndexSink sink =
                new SearchIndexSink(SearchIndexConfig.of(node.url()).withIndexPrefix("idem-audit-"));
        List<AuditEvent> batch = events(200);

        // when
        Set<String> first = sink.write(batch);
        Set<String> again = sink.write(batch);

        // then
        assertThat(first).isEmpty();
        assertThat(again).as("409 on re-delivery counts as stored").isEmpty();
        assertThat(count("idem-audit-2026.11")).isEqualTo(200);
        JsonNode doc = get("/idem-audit-2026.11/_doc/" + batch.get(7).eventId());
        assertThat(doc.path("_source").path("event_id").asText())
                .isEqualTo(batch.get(7).eventId());
        assertThat(doc.path("_source").path("hash").asText())
                .isEqualTo(batch.get(7).record().hash().orElseThrow());
    }

    @Test
    void should_report_only_the_events_the_node_rejected() throws Exception {
        // given: 'args.attempt' is mapped as a number by the first event; an object there is rejected
        SearchIndexSink sink =
                new SearchIndexSink(SearchIndexConfig.of(node.url()).withIndexPrefix("partial-audit-"));
        List<AuditEvent> good = events(3);
        sink.write(good.subList(0, 1));
        AuditRecord base = AuditTestEvents.chain(1).get(0);
        String badJson = AuditEvents.toJson(base).replace("\"attempt\":1", "\"attempt\":{\"nested\":true}");
        AuditEvent bad = new AuditEvent(base, badJson);
        List<AuditEvent> batch = new ArrayList<>(good.subList(1, 3));
        batch.add(1, bad);

        // when
        Set<String> failed = sink.write(batch);

        // then
        assertThat(failed).containsExactly(base.eventId());
        assertThat(count("partial-audit-2026.11")).isEqualTo(3);
    }
}
