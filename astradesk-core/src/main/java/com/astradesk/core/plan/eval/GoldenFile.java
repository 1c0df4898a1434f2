package com.astradesk.core.plan.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads golden files: JSON Lines, one {@link GoldenCase} per line ({@code #} lines and blank lines are skipped).
 *
 * <pre>{@code
 * {"id": "p001", "agent": "ops", "input": "restart the database in prod",
 *  "expect": [{"tool": "restart_service", "arguments": {"service": "database", "env": "prod"}}],
 *  "category": "restart_en", "split": "tuning"}
 * {"id": "p002", "agent": "ops", "input": "and for the last 6h?",
 *  "turns": [{"input": "latency of webapp"}], "expect": [...]}
 * {"id": "p003", "agent": "ops", "input": "restart", "expect": [], "clarify": true}
 * }</pre>
 *
 * Thread-safe (stateless).
 */
public final class GoldenFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenFile() {}

    /**
     * The cases of a file.
     *
     * @throws IllegalArgumentException naming the line when a line is malformed or an id repeats
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static List<GoldenCase> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + file, e);
        }
    }

    /**
     * The cases of a text in the golden format.
     *
     * @param source names the text in error messages
     * @throws IllegalArgumentException naming the line when a line is malformed or an id repeats
     */
    public static List<GoldenCase> parse(String text, String source) {
        var cases = new ArrayList<GoldenCase>();
        var ids = new HashSet<String>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1);
            GoldenCase c;
            try {
                c = parseCase(MAPPER.readTree(line), i + 1);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException(where + ": id '" + c.id() + "' is used twice");
            }
            cases.add(c);
        }
        return List.copyOf(cases);
    }

    private static GoldenCase parseCase(JsonNode node, int lineNumber) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("each line must be a JSON object");
        }
        String input = text(node, "input");
        String agent = text(node, "agent");
        String id = node.hasNonNull("id") ? node.get("id").asText() : "line-" + lineNumber;
        var turns = new ArrayList<GoldenCase.Turn>();
        for (JsonNode t : node.path("turns")) {
            turns.add(new GoldenCase.Turn(text(t, "input"), t.path("answer").asText("")));
        }
        JsonNode expect = node.path("expect");
        if (!expect.isArray()) {
            throw new IllegalArgumentException("'expect' must be a list of steps ([] for no step)");
        }
        var steps = new ArrayList<GoldenCase.ExpectedStep>();
        for (JsonNode s : expect) {
            Map<String, Object> args = new LinkedHashMap<>();
            JsonNode a = s.path("arguments");
            if (!a.isMissingNode() && !a.isObject()) {
                throw new IllegalArgumentException("'arguments' must be an object");
            }
            a.properties().forEach(e -> args.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class)));
            steps.add(new GoldenCase.ExpectedStep(text(s, "tool"), args));
        }
        boolean clarify = node.path("clarify").asBoolean(false);
        if (clarify && !steps.isEmpty()) {
            throw new IllegalArgumentException("a case that expects a clarification expects no step");
        }
        Optional<String> split =
                node.hasNonNull("split") ? Optional.of(node.get("split").asText()) : Optional.empty();
        return new GoldenCase(
                id, agent, input, turns, steps, clarify, node.path("category").asText(""), split);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
        }
        return v.asText();
    }
}
