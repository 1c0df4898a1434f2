package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Model Context Protocol settings: the server at {@code /mcp} and the external servers whose tools the registry
 * takes in. Immutable.
 *
 * @param serverEnabled {@code MCP_SERVER_ENABLED} (default true): serve {@code /mcp} and its protected-resource
 *                      metadata
 * @param resourceUrl   {@code MCP_RESOURCE_URL}: the public URL of {@code /mcp} named in the protected-resource
 *                      metadata; unset = derived from each request's scheme and {@code Host}
 * @param serversFile   {@code MCP_SERVERS_FILE}: a JSON or YAML file naming external MCP servers; unset = none
 * @param servers       the servers that file names, read and checked at start-up
 */
public record McpConfig(
        boolean serverEnabled, Optional<URI> resourceUrl, Optional<Path> serversFile, McpServersFile servers) {

    public McpConfig {
        resourceUrl = Objects.requireNonNullElse(resourceUrl, Optional.empty());
        serversFile = Objects.requireNonNullElse(serversFile, Optional.empty());
        Objects.requireNonNull(servers, "servers");
    }

    /** The server on, the resource URL from requests, no external servers. */
    public static McpConfig defaults() {
        return new McpConfig(true, Optional.empty(), Optional.empty(), McpServersFile.none());
    }

    static McpConfig from(EnvReader env) {
        boolean enabled = env.bool("MCP_SERVER_ENABLED", true);
        Optional<URI> resource = env.string("MCP_RESOURCE_URL").map(McpConfig::resourceUrl);
        Optional<Path> file = env.string("MCP_SERVERS_FILE").map(McpConfig::serversFile);
        McpServersFile servers =
                file.map(f -> McpServersFile.read(f, env::string)).orElse(McpServersFile.none());
        return new McpConfig(enabled, resource, file, servers);
    }

    private static URI resourceUrl(String raw) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || uri.getFragment() != null) {
                throw new ConfigException(
                        "MCP_RESOURCE_URL", "MCP_RESOURCE_URL must be an absolute http(s) URL without a fragment");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("MCP_RESOURCE_URL", "MCP_RESOURCE_URL is not a valid URL");
        }
    }

    private static Path serversFile(String raw) {
        try {
            return Path.of(raw).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new ConfigException("MCP_SERVERS_FILE", "MCP_SERVERS_FILE is not a valid path: " + e.getReason());
        }
    }
}
