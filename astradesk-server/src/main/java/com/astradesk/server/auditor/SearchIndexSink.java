package com.astradesk.server.auditor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * works with Elasticsearch 7/8 and OpenSearch 1/2. The request body is written as bytes in one pass (a Jackson
 * generator for the action lines, each event's wire JSON copied as it came) and the response is read with Jackson's
 * streaming parser, which keeps only each item's status: no tree of the whole answer. Thread-safe.
 */
public final class SearchIndexSink implements AuditArchiveSink {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexSink.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** Body bytes per event to size the buffer: action line plus a typical event. */
    private static final int BYTES_PER_EVENT = 700;

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
        HttpResponse<InputStream> response = post(body(events));
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                String text = new String(in.readNBytes(200), StandardCharsets.UTF_8);
                throw new SinkUnavailableException(
                        name(), "_bulk answered HTTP " + response.statusCode() + ": " + abbreviate(text), null);
            }
            return failedIds(events, in);
        } catch (IOException e) {
            throw new SinkUnavailableException(name(), "_bulk answer could not be read: " + e, e);
        }
    }

    /** The NDJSON body: per event a {@code create} action line and the event's wire JSON on one line. */
    private byte[] body(List<AuditEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * BYTES_PER_EVENT);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.setRootValueSeparator(null); // the lines are separated by the raw line breaks below
            for (AuditEvent e : events) {
                gen.writeStartObject();
                gen.writeObjectFieldStart("create");
                gen.writeStringField("_index", config.indexOf(e));
                gen.writeStringField("_id", e.eventId());
                gen.writeEndObject();
                gen.writeEndObject();
                gen.writeRaw('\n');
                gen.writeRaw(e.json().replace('\n', ' '));
                gen.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a _bulk body in memory", e);
        }
        return out.toByteArray();
    }

    private HttpResponse<InputStream> post(byte[] body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(bulkUri)
                .timeout(config.timeout())
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.authorization().ifPresent(a -> req.header("Authorization", a));
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SinkUnavailableException(name(), "_bulk request to " + bulkUri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkUnavailableException(name(), "interrupted during _bulk", e);
        }
    }

    /** One item of the answer: its HTTP status (0 when absent) and error type (empty when none). */
    private record Item(int status, String errorType) {}

    private Set<String> failedIds(List<AuditEvent> events, InputStream responseBody) {
        List<Item> items;
        try (JsonParser p = JSON.createParser(responseBody)) {
            items = items(p);
        } catch (IOException e) {
            throw new SinkUnavailableException(name(), "_bulk answered with unreadable JSON", e);
        }
        if (items == null || items.size() != events.size()) {
            throw new SinkUnavailableException(
                    name(),
                    "_bulk answered " + (items == null ? 0 : items.size()) + " items for " + events.size() + " events",
                    null);
        }
        Set<String> failed = new TreeSet<>();
        Set<String> reasons = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Item item = items.get(i);
            if (item.status() / 100 != 2 && item.status() != CONFLICT) {
                failed.add(events.get(i).eventId());
                reasons.add(item.status() + " " + (item.status() == 0 ? "no result" : item.errorType()));
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

    /**
     * The {@code items} of a {@code _bulk} answer, each reduced to the status and error type of its one action
     * object ({@code {"create": {...}}}); null when the answer has no {@code items} array.
     */
    private static List<Item> items(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("the answer is not a JSON object");
        }
        List<Item> items = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(item(p));
                }
            } else {
                p.skipChildren();
            }
        }
        return items;
    }

    /** Reads one item (the parser on its start); leaves the parser on its end. */
    private static Item item(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new Item(0, "");
        }
        int status = 0;
        String errorType = "";
        boolean first = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken value = p.nextToken();
            if (!first || value != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            first = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if ("status".equals(field) && v.isNumeric()) {
                    status = p.getIntValue();
                } else if ("error".equals(field) && v == JsonToken.START_OBJECT) {
                    errorType = errorType(p);
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Item(status, errorType);
    }

    /** The {@code type} of an {@code error} object (the parser on its start); leaves the parser on its end. */
    private static String errorType(JsonParser p) throws IOException {
        String type = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("type".equals(field) && v == JsonToken.VALUE_STRING) {
                type = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return type;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
