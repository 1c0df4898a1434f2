package com.astradesk.tools.ticket.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain text to and from the Atlassian Document Format Jira Cloud's REST API v3 uses for descriptions: blank-line
 * separated blocks become paragraphs, single line breaks {@code hardBreak} nodes, so the text round-trips.
 */
final class JiraDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JiraDocuments() {}

    /** {@code {"type":"doc","version":1,"content":[paragraph...]}}. */
    static ObjectNode toAdf(String text) {
        ObjectNode doc = NODES.objectNode().put("type", "doc").put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (String block : text.strip().split("\\n\\s*\\n")) {
            if (block.isBlank()) {
                continue;
            }
            ObjectNode paragraph = content.addObject().put("type", "paragraph");
            ArrayNode inline = paragraph.putArray("content");
            String[] lines = block.strip().split("\\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    inline.addObject().put("type", "hardBreak");
                }
                if (!lines[i].isEmpty()) {
                    inline.addObject().put("type", "text").put("text", lines[i]);
                }
            }
        }
        return doc;
    }

    /** The text of an ADF document (paragraphs joined by a blank line); empty for anything else. */
    static String toText(JsonNode doc) {
        List<String> blocks = new ArrayList<>();
        for (JsonNode block : doc.path("content")) {
            StringBuilder sb = new StringBuilder();
            appendInline(block, sb);
            if (!sb.isEmpty()) {
                blocks.add(sb.toString());
            }
        }
        return String.join("\n\n", blocks);
    }

    private static void appendInline(JsonNode node, StringBuilder sb) {
        for (JsonNode child : node.path("content")) {
            switch (child.path("type").asText("")) {
                case "text" -> sb.append(child.path("text").asText(""));
                case "hardBreak" -> sb.append('\n');
                default -> appendInline(child, sb);
            }
        }
    }
}
