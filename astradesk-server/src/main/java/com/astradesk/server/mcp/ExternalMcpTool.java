package com.astradesk.server.mcp;

import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolResult;
import java.util.Objects;

/**
 * A tool of an external MCP server, registered as {@code <server>__<tool>}: the registry's chain (policy, approval,
 * limits, validation against the server's schema, timeout, audit) runs first, then the call goes to the server.
 * Thread-safe.
 */
final class ExternalMcpTool implements Tool {
    private final ToolDescriptor descriptor;
    private final String remoteName;
    private final McpConnection connection;

    ExternalMcpTool(ToolDescriptor descriptor, String remoteName, McpConnection connection) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.remoteName = Objects.requireNonNull(remoteName, "remoteName");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    String remoteName() {
        return remoteName;
    }

    @Override
    public ToolResult call(ToolCall call) {
        return connection.call(remoteName, call.arguments(), descriptor.timeout());
    }
}
