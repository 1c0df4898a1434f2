package com.astradesk.server.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes audit events into an Elasticsearch/OpenSearch-compatible cluster with one {@code _bulk} request per
 * batch: {@code create} into {@code astradesk-audit-<yyyy.MM>} with {@code _id} = event id. Idempotent: an
 * event indexed before answers 409 (version conflict), which counts as stored. Per-item errors (mapping
 * errors, 429, 5xx) are returned as not stored, so only those events are retried. Uses the JDK HTTP client;
 * works with Elasticsearch 7/8 and OpenSearch 1/2. Thread-safe.
 */
public final class SearchIndexSink implements AuditArchiveSink {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexSink.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CONFLICT = 409;

    private final SearchIndexConfig config;
    private final HttpClient http;
    private final URI bulkUri;

    /** A sink for {@code config}. */
    public SearchIndexSink(SearchIndexConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        String base = config.url().toString().replaceAll("/+$", "");
        this.bulkUri = URI.create(base + "/_bulk");
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public Set<String> write(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        HttpResponse<String> response = post(body(events));
        if (response.statusCode() / 100 != 2) {
            throw new SinkUnavailableException(
                    name(), "_bulk answered HTTP " + response.statusCode() + ": " + abbreviate(response.body()), null);
        }
        return failedIds(events, response.body());
    }

    private String body(List<AuditEvent> events) {
        StringBuilder sb = new StringBuilder(events.size() * 600);
        for (AuditEvent e : events) {
            ObjectNode meta = MAPPER.createObjectNode();
            meta.putObject("create").put("_index", config.indexOf(e)).put("_id", e.eventId());
            sb.append(meta).append('\n');
            sb.append(e.json().replace('\n', ' ')).append('\n');
        }
        return sb.toString();
    }

    private HttpResponse<String> post(String body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(bulkUri)
                .timeout(config.timeout())
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        config.authorization().ifPresent(a -> req.header("Authorization", a));
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SinkUnavailableException(name(), "_bulk request to " + bulkUri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkUnavailableException(name(), "interrupted during _bulk", e);
        }
    }

    private Set<String> failedIds(List<AuditEvent> events, String responseBody) {
        JsonNode root;
        try {
            root = MAPPER.readTree(responseBody);
        } catch (IOException e) {
            throw new SinkUnavailableException(name(), "_bulk answered with unreadable JSON", e);
        }
        JsonNode items = root.path("items");
        if (!items.isArray() || items.size() != events.size()) {
            throw new SinkUnavailableException(
                    name(), "_bulk answered " + items.size() + " items for " + events.size() + " events", null);
        }
        Set<String> failed = new TreeSet<>();
        Set<String> reasons = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode result =
                    items.get(i).elements().hasNext() ? items.get(i).elements().next() : null;
            int status = result == null ? 0 : result.path("status").asInt(0);
            if (status / 100 != 2 && status != CONFLICT) {
                failed.add(events.get(i).eventId());
                reasons.add(status + " "
                        + (result == null
                                ? "no result"
                                : result.path("error").path("type").asText("")));
            }
        }
        if (!failed.isEmpty()) {
            if (failed.size() == events.size()) {
                throw new SinkUnavailableException(name(), "_bulk refused every event: " + reasons, null);
            }
            LOG.warn("search index: {} of {} events refused: {}", failed.size(), events.size(), reasons);
        }
        return failed;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
