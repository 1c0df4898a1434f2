package com.astradesk.server.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recorded-contract stand-in for an OpenSearch node's {@code _bulk} API: it keeps documents by index and id,
 * answers {@code create} with 201 or 409 exactly as OpenSearch 2.x does (same item shape, {@code errors} flag,
 * error types), and can be told to be down (503) or to reject single ids with 429
 * {@code es_rejected_execution_exception}. The real node is exercised in the {@code deploy} module.
 */
final class FakeSearchServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Map<String, String> docs = new ConcurrentHashMap<>();
    final Set<String> rejectIds = ConcurrentHashMap.newKeySet();
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger bulkRequests = new AtomicInteger();
    final AtomicInteger createAttempts = new AtomicInteger();
    private final HttpServer server;

    FakeSearchServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_bulk", this::bulk);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Document ids stored in one index. */
    long countIn(String index) {
        return docs.keySet().stream().filter(k -> k.startsWith(index + "/")).count();
    }

    private void bulk(HttpExchange ex) throws IOException {
        bulkRequests.incrementAndGet();
        if (down.get()) {
            respond(ex, 503, "{\"error\":{\"type\":\"cluster_block_exception\"},\"status\":503}");
            return;
        }
        String[] lines = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("took", 3);
        ArrayNode items = root.putArray("items");
        boolean errors = false;
        for (int i = 0; i + 1 < lines.length; i += 2) {
            JsonNode action = MAPPER.readTree(lines[i]).path("create");
            String index = action.path("_index").asText();
            String id = action.path("_id").asText();
            createAttempts.incrementAndGet();
            ObjectNode result =
                    items.addObject().putObject("create").put("_index", index).put("_id", id);
            if (rejectIds.contains(id)) {
                errors = true;
                result.put("status", 429);
                result.putObject("error")
                        .put("type", "es_rejected_execution_exception")
                        .put("reason", "rejected execution of coordinating operation");
            } else if (docs.putIfAbsent(index + "/" + id, lines[i + 1]) != null) {
                errors = true;
                result.put("status", 409);
                result.putObject("error")
                        .put("type", "version_conflict_engine_exception")
                        .put("reason", "[" + id + "]: version conflict, document already exists (current version [1])")
                        .put("index", index);
            } else {
                result.put("_version", 1)
                        .put("result", "created")
                        .put("_seq_no", 0)
                        .put("_primary_term", 1);
                result.putObject("_shards").put("total", 2).put("successful", 1).put("failed", 0);
                result.put("status", 201);
            }
        }
        root.put("errors", errors);
        respond(ex, 200, MAPPER.writeValueAsString(root));
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
