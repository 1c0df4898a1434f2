package com.astradesk.server.mcp;

import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeQuery;
import com.astradesk.core.knowledge.Retriever;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code search_knowledge}: the top-k knowledge-base passages for a query, each with its citation, filtered by
 * the caller's groups exactly as an agent's retrieval is. Offered over MCP only. Thread-safe.
 */
final class KnowledgeSearchTool implements Tool {
    static final String NAME = "search_knowledge";
    static final int MAX_TOP_K = 20;

    private final Retriever retriever;
    private final int defaultTopK;
    private final double minScore;
    private final ToolDescriptor descriptor;

    KnowledgeSearchTool(Retriever retriever, int defaultTopK, double minScore) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.defaultTopK = Math.max(1, Math.min(MAX_TOP_K, defaultTopK));
        this.minScore = minScore;
        this.descriptor = ToolDescriptor.builder(NAME)
                .withDescription("Searches the knowledge base and returns the best passages with their sources"
                        + " (only documents the caller may read).")
                .withArgumentsSchema(Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of(
                                "query",
                                        Map.of(
                                                "type",
                                                "string",
                                                "minLength",
                                                1,
                                                "maxLength",
                                                2000,
                                                "description",
                                                "what to look for"),
                                "top_k",
                                        Map.of(
                                                "type",
                                                "integer",
                                                "minimum",
                                                1,
                                                "maximum",
                                                MAX_TOP_K,
                                                "default",
                                                this.defaultTopK,
                                                "description",
                                                "how many passages at most")),
                        "required",
                        List.of("query"),
                        "additionalProperties",
                        false))
                .withSideEffect(SideEffect.READ)
                .withIdempotent(true)
                .withTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String query = (String) call.arguments().get("query");
        int topK = call.arguments().get("top_k") instanceof Number n ? n.intValue() : defaultTopK;
        List<KnowledgeChunk> chunks =
                retriever.retrieve(new KnowledgeQuery(query, call.principal().groups(), topK, minScore));
        List<Map<String, Object>> passages = chunks.stream()
                .map(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("source", c.source());
                    m.put("chunk", c.chunkIndex());
                    m.put("score", Math.round(c.score() * 1000) / 1000.0);
                    m.put("text", c.text());
                    return m;
                })
                .toList();
        String summary = chunks.isEmpty()
                ? "No passage matches the query."
                : chunks.size() + (chunks.size() == 1 ? " passage" : " passages") + " found.";
        return ToolResult.of(summary, Map.of("passages", passages));
    }
}
