package com.astradesk.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v1/documents}: {@code {"source", "content", "acl"}}. Unknown members are ignored.
 * Immutable.
 *
 * @param source  where the document lives in the knowledge base: a relative path ({@code runbooks/x.md}) without
 *                {@code .} or {@code ..} segments, ending in {@code .md} or {@code .txt}
 * @param content the document's UTF-8 bytes (at most {@link #MAX_CONTENT_BYTES})
 * @param acl     groups allowed to read it (empty = public, unless the document's front matter names some)
 */
record DocumentRequest(String source, byte[] content, Set<String> acl) {
    /** Largest document accepted: 1 MiB of UTF-8. */
    static final int MAX_CONTENT_BYTES = 1024 * 1024;

    private static final int MAX_SOURCE_CHARS = 512;
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");
    private static final Pattern SEGMENT = Pattern.compile("[\\p{L}\\p{N} ._+()-]+");

    DocumentRequest {
        acl = Set.copyOf(acl);
    }

    /**
     * Validates and reads the body.
     *
     * @throws RequestRejectedException 400 naming the invalid field, 413 when the content is over 1 MiB
     */
    static DocumentRequest from(ObjectNode body) {
        String source = requiredString(body, "source");
        Optional<String> problem = sourceProblem(source);
        if (problem.isPresent()) {
            throw RequestRejectedException.invalidField("invalid_field", "source", "field 'source' " + problem.get());
        }
        String content = requiredString(body, "content");
        if (content.isBlank()) {
            throw RequestRejectedException.invalidField(
                    "invalid_field", "content", "field 'content' must contain text");
        }
        if (!JsonBodies.isCleanText(content)) {
            throw RequestRejectedException.invalidField(
                    "invalid_field", "content", "field 'content' must be Unicode text without NUL characters");
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_CONTENT_BYTES) {
            throw new RequestRejectedException(
                    413,
                    "payload_too_large",
                    Optional.of("content"),
                    "field 'content' is " + bytes.length + " bytes of UTF-8; at most " + MAX_CONTENT_BYTES
                            + " are accepted",
                    Map.of("max_bytes", MAX_CONTENT_BYTES));
        }
        return new DocumentRequest(source, bytes, acl(body.get("acl")));
    }

    /** Why {@code source} is not acceptable, or empty when it is. */
    static Optional<String> sourceProblem(String source) {
        if (source.isEmpty() || source.length() > MAX_SOURCE_CHARS) {
            return Optional.of("must be 1.." + MAX_SOURCE_CHARS + " characters");
        }
        if (source.startsWith("/") || source.contains("\\") || source.contains(":")) {
            return Optional.of("must be a relative path with '/' separators (e.g. runbooks/vpn.md)");
        }
        for (String segment : source.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("must not contain empty, '.' or '..' path segments");
            }
            if (!SEGMENT.matcher(segment).matches() || segment.startsWith(".")) {
                return Optional.of("may contain only letters, digits, space and . _ + ( ) - in each path segment,"
                        + " not starting with '.'");
            }
        }
        String lower = source.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".md") && !lower.endsWith(".txt")) {
            return Optional.of("must end in .md or .txt");
        }
        return Optional.empty();
    }

    private static Set<String> acl(JsonNode node) {
        Set<String> groups = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return groups;
        }
        if (!node.isArray()) {
            throw RequestRejectedException.invalidField(
                    "invalid_field", "acl", "field 'acl' must be a list of group names");
        }
        for (JsonNode g : node) {
            if (!g.isTextual() || !GROUP.matcher(g.textValue().trim()).matches()) {
                throw RequestRejectedException.invalidField(
                        "invalid_field",
                        "acl",
                        "field 'acl' must hold group names of 1..128 characters of [A-Za-z0-9._:/-]");
            }
            groups.add(g.textValue().trim());
        }
        return groups;
    }

    private static String requiredString(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw RequestRejectedException.invalidField("missing_field", field, "field '" + field + "' is required");
        }
        if (!node.isTextual()) {
            throw RequestRejectedException.invalidField(
                    "invalid_field", field, "field '" + field + "' must be a string");
        }
        return node.textValue();
    }
}
