package com.astradesk.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The OAuth 2.0 protected-resource metadata (RFC 9728) that MCP clients read to learn which authorization server
 * issues tokens for {@code /mcp}: served at {@code /.well-known/oauth-protected-resource} (and, per RFC 9728's
 * path insertion, at {@code /.well-known/oauth-protected-resource/mcp}), and named by the {@code
 * resource_metadata} parameter of the {@code WWW-Authenticate} header of a {@code 401} from {@code /mcp}.
 * Immutable.
 *
 * @param resourceUrl          the configured public URL of {@code /mcp}; empty = from the request
 * @param authorizationServers the issuers whose tokens are accepted (empty in embedded mode: tokens come from
 *                             {@code POST /dev/token})
 */
public record ProtectedResource(Optional<URI> resourceUrl, List<String> authorizationServers) {
    /** The metadata path. */
    public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private static final String MCP = "/mcp";
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

    public ProtectedResource {
        resourceUrl = Objects.requireNonNullElse(resourceUrl, Optional.empty());
        authorizationServers = List.copyOf(authorizationServers);
    }

    /** The public URL of {@code /mcp} for this request: the configured one, else its scheme and sane Host. */
    String resource(HttpServletRequest request) {
        if (resourceUrl.isPresent()) {
            return resourceUrl.get().toString();
        }
        String host = request.getHeader("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = request.getLocalName() + ":" + request.getLocalPort();
        }
        return request.getScheme() + "://" + host + MCP;
    }

    /** Where the metadata of this request's resource is: beside {@code /mcp} under the same prefix. */
    String metadataUrl(HttpServletRequest request) {
        String resource = resource(request);
        String base = resource.endsWith(MCP) ? resource.substring(0, resource.length() - MCP.length()) : resource;
        return base + WELL_KNOWN;
    }

    /** The metadata document. */
    Map<String, Object> document(HttpServletRequest request) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", resource(request));
        if (!authorizationServers.isEmpty()) {
            doc.put("authorization_servers", authorizationServers);
        }
        doc.put("bearer_methods_supported", List.of("header"));
        doc.put("resource_name", "AstraDesk MCP server");
        return doc;
    }
}
