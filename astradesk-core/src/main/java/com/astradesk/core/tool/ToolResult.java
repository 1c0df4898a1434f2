package com.astradesk.core.tool;

import java.util.Map;
import java.util.Objects;

/**
 * What a tool returns. Immutable and thread-safe.
 *
 * @param summary one or two sentences saying what the tool did, in the call's language
 * @param data    structured result as plain JSON-like values
 */
public record ToolResult(String summary, Map<String, Object> data) {
    public ToolResult {
        Objects.requireNonNull(summary, "summary");
        data = data == null ? Map.of() : com.astradesk.core.internal.FrozenMap.copyOf(data);
    }

    public static ToolResult of(String summary, Map<String, Object> data) {
        return new ToolResult(summary, data);
    }
}
