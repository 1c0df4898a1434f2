package com.astradesk.server.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;

/** MCP clients of the official Java SDK for tests: Streamable HTTP at {@code <base>/mcp} with a bearer token. */
public final class McpTestClients {

    private McpTestClients() {}

    /** A synchronous client for {@code baseUrl}'s {@code /mcp} endpoint, not yet initialized. */
    public static McpSyncClient bearer(String baseUrl, String token, Duration requestTimeout) {
        var transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint("/mcp")
                .httpRequestCustomizer(
                        (request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport)
                .requestTimeout(requestTimeout)
                .clientInfo(new McpSchema.Implementation("astradesk-test", "1"))
                .build();
    }
}
