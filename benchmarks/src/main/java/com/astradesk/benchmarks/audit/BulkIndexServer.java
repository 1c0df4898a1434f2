package com.astradesk.benchmarks.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local Elasticsearch/OpenSearch {@code _bulk} endpoint: it parses every action line, stores each document line
 * by index and id, and answers {@code create} with 201, or 409 when the id is already stored, in the OpenSearch
 * 2.x response shape. A document is stored as received and parsed when {@link #documents()} is read (after a
 * measurement), so the stand-in spends on each event about what the protocol needs and no more: a real cluster
 * runs on other machines. Thread-safe.
 */
public final class BulkIndexServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, String> docs = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong creates = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService pool;

    private BulkIndexServer(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /** Starts on a free loopback port. */
    public static BulkIndexServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-bulk-index");
            t.setDaemon(true);
            return t;
        });
        BulkIndexServer s = new BulkIndexServer(http, pool);
        http.createContext("/_bulk", s::bulk);
        http.setExecutor(pool);
        http.start();
        return s;
    }

    /** The cluster URL. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Stored documents, keyed {@code index/id}, parsed now.
     *
     * @throws IOException when a stored document is not JSON
     */
    public Map<String, JsonNode> documents() throws IOException {
        Map<String, JsonNode> parsed = new java.util.HashMap<>(docs.size() * 2);
        for (Map.Entry<String, String> e : docs.entrySet()) {
            parsed.put(e.getKey(), MAPPER.readTree(e.getValue()));
        }
        return parsed;
    }

    /** Documents stored so far. */
    public int stored() {
        return docs.size();
    }

    /** {@code _bulk} requests served. */
    public long requests() {
        return requests.get();
    }

    /** {@code create} actions received (stored or conflicting). */
    public long creates() {
        return creates.get();
    }

    /** {@code create} actions answered 409 (the id was stored before: a re-delivery). */
    public long conflicts() {
        return conflicts.get();
    }

    private void bulk(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode items = root.putArray("items");
        boolean errors = false;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(ex.getRequestBody(), StandardCharsets.UTF_8))) {
            String actionLine;
            while ((actionLine = in.readLine()) != null) {
                if (actionLine.isBlank()) {
                    continue;
                }
                JsonNode action = MAPPER.readTree(actionLine).path("create");
                String doc = in.readLine();
                String index = action.path("_index").asText();
                String id = action.path("_id").asText();
                creates.incrementAndGet();
                ObjectNode result = items.addObject()
                        .putObject("create")
                        .put("_index", index)
                        .put("_id", id);
                if (index.isEmpty() || id.isEmpty() || doc == null || !isObject(doc)) {
                    errors = true;
                    result.put("status", 400);
                    result.putObject("error").put("type", "mapper_parsing_exception");
                } else if (docs.putIfAbsent(index + "/" + id, doc) != null) {
                    errors = true;
                    conflicts.incrementAndGet();
                    result.put("status", 409);
                    result.putObject("error")
                            .put("type", "version_conflict_engine_exception")
                            .put("reason", "[" + id + "]: version conflict, document already exists");
                } else {
                    result.put("_version", 1).put("result", "created").put("status", 201);
                }
            }
        }
        root.put("took", 1);
        root.put("errors", errors);
        byte[] bytes = MAPPER.writeValueAsBytes(root);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static boolean isObject(String line) {
        String t = line.strip();
        return t.startsWith("{") && t.endsWith("}");
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
