package com.astradesk.server.http;

import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.json}: the OpenAPI 3.1 document of every route and error body (a resource file). */
final class OpenApiRoutes {
    private static final String RESOURCE = "/com/astradesk/server/http/openapi.json";
    private final String document;

    OpenApiRoutes(String apiVersion) {
        this.document = load(apiVersion);
    }

    void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }

    private static String load(String apiVersion) {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            ObjectNode doc = (ObjectNode) ServerJson.mapper().readTree(in);
            ((ObjectNode) doc.get("info")).put("version", apiVersion);
            return ServerJson.write(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
