package com.astradesk.server.http;

import io.javalin.config.RoutesConfig;

/**
 * {@code GET /docs}: Swagger UI (the {@code org.webjars:swagger-ui} WebJar in the jar) over {@code /openapi.json};
 * its files under {@code /docs/assets/}. Thread-safe.
 */
final class DocsRoutes {
    /** The Swagger UI WebJar version (its files live in a directory named after it). */
    static final String SWAGGER_UI_VERSION = "5.35.0";

    private final WebAssets pages = new WebAssets("/com/astradesk/server/web/docs");
    private final WebAssets swaggerUi = new WebAssets("/META-INF/resources/webjars/swagger-ui/" + SWAGGER_UI_VERSION);

    void register(RoutesConfig routes) {
        routes.get("/docs", ctx -> pages.send(ctx, "index.html"));
        routes.get("/docs/docs.js", ctx -> pages.send(ctx, "docs.js"));
        routes.get("/docs/assets/{file}", ctx -> swaggerUi.send(ctx, ctx.pathParam("file")));
    }
}
