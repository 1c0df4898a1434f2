package com.astradesk.server.http;

import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Embedded mode only: the dev issuer's JWKS at {@code /.well-known/jwks.json} and {@code POST /dev/token}
 * (loopback callers only) minting tokens from {@code {sub, roles, groups, ttl_seconds}}. Thread-safe.
 */
final class DevIssuerRoutes {
    private static final int DEFAULT_TTL_SECONDS = 3600;
    private final DevIssuer issuer;
    private final int maxBodyBytes;

    DevIssuerRoutes(DevIssuer issuer, int maxBodyBytes) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(RoutesConfig routes) {
        routes.get(
                "/.well-known/jwks.json",
                ctx -> ctx.contentType("application/json")
                        .result(issuer.publicJwkSet().toString()));
        routes.post("/dev/token", this::mint);
    }

    private void mint(Context ctx) {
        if (!isLoopback(ctx.req().getRemoteAddr())) {
            throw new RequestRejectedException(
                    403, "forbidden", Optional.empty(), "/dev/token only answers loopback callers", Map.of());
        }
        ObjectNode body = JsonBodies.readObject(ctx, maxBodyBytes);
        JsonNode sub = body.get("sub");
        if (sub == null || sub.isNull()) {
            throw RequestRejectedException.invalidField("missing_field", "sub", "field 'sub' is required");
        }
        if (!sub.isTextual() || sub.textValue().isBlank() || sub.textValue().length() > 256) {
            throw RequestRejectedException.invalidField(
                    "invalid_field", "sub", "field 'sub' must be a non-blank string of at most 256 characters");
        }
        List<String> roles = names(body, "roles");
        List<String> groups = names(body, "groups");
        int ttl = DEFAULT_TTL_SECONDS;
        JsonNode ttlNode = body.get("ttl_seconds");
        if (ttlNode != null && !ttlNode.isNull()) {
            if (!ttlNode.isIntegralNumber()
                    || ttlNode.asLong() < 1
                    || ttlNode.asLong() > DevIssuer.MAX_TTL.toSeconds()) {
                throw RequestRejectedException.invalidField(
                        "invalid_field",
                        "ttl_seconds",
                        "field 'ttl_seconds' must be an integer from 1 to " + DevIssuer.MAX_TTL.toSeconds());
            }
            ttl = ttlNode.intValue();
        }
        String token = issuer.mint(sub.textValue(), roles, groups, Duration.ofSeconds(ttl));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token);
        out.put("token_type", "Bearer");
        out.put("expires_in", ttl);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(ServerJson.write(out));
    }

    /** A list of strings, or one comma-separated string; absent = empty. */
    private static List<String> names(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isTextual()) {
            for (String s : node.textValue().split("[,\\s]+")) {
                if (!s.isBlank()) {
                    out.add(s);
                }
            }
            return out;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (!n.isTextual()) {
                    throw RequestRejectedException.invalidField(
                            "invalid_field", field, "field '" + field + "' must be a list of strings");
                }
                out.add(n.textValue());
            }
            return out;
        }
        throw RequestRejectedException.invalidField(
                "invalid_field", field, "field '" + field + "' must be a list of strings");
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null
                    && InetAddress.getByName(address.replace("[", "").replace("]", ""))
                            .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
