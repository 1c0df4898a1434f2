package com.astradesk.server.http;

import com.astradesk.server.config.ConsoleConfig;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /console}: the web console, plain ES modules served from the jar ({@code /console/{file}}), and
 * {@code GET /console/config.json}, how it signs people in: {@code dev_token} (embedded mode: the dev issuer's
 * {@code POST /dev/token}), {@code oidc} (Authorization Code + PKCE against {@code issuer} as {@code client_id})
 * or {@code none}. Thread-safe.
 */
final class ConsoleRoutes {
    private final WebAssets assets = new WebAssets("/com/astradesk/server/web/console");
    private final String config;

    ConsoleRoutes(ConsoleConfig console, boolean devIssuer) {
        Objects.requireNonNull(console, "console");
        Map<String, Object> m = new LinkedHashMap<>();
        if (devIssuer) {
            m.put("sign_in", "dev_token");
        } else if (console.oidc()) {
            m.put("sign_in", "oidc");
            m.put("issuer", console.oidcIssuer().orElseThrow());
            m.put("client_id", console.oidcClientId().orElseThrow());
            m.put("scope", console.oidcScope());
        } else {
            m.put("sign_in", "none");
        }
        this.config = ServerJson.write(m);
    }

    void register(RoutesConfig routes) {
        routes.get("/console", ctx -> assets.send(ctx, "index.html"));
        routes.get("/console/config.json", ctx -> {
            ctx.header("Cache-Control", "no-store");
            ctx.contentType("application/json").result(config);
        });
        routes.get("/console/{file}", ctx -> assets.send(ctx, ctx.pathParam("file")));
    }
}
