package com.astradesk.server.mcp;

import com.astradesk.core.tool.ToolDescriptor;
import java.util.Locale;
import java.util.Optional;

/** How an external MCP tool's name becomes a registry name: {@code <server>__<tool in lower_snake_case>}. */
final class McpToolNames {
    /** Between the server's name and the tool's. */
    static final String SEPARATOR = "__";

    private McpToolNames() {}

    /**
     * The registry name of {@code tool} of {@code server}: camelCase and every character outside {@code [a-z0-9]}
     * become single underscores ({@code get-tiny-image}, {@code getTinyImage} → {@code get_tiny_image}); empty when
     * the result is not a valid tool name (e.g. longer than 64 characters).
     */
    static Optional<String> registryName(String server, String tool) {
        String snake = tool.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (snake.isEmpty()) {
            return Optional.empty();
        }
        String name = server + SEPARATOR + snake;
        return ToolDescriptor.NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}
