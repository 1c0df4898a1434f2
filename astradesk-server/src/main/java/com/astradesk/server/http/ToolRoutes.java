package com.astradesk.server.http;

import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** {@code GET /v1/tools}: only the tools the caller may use. Thread-safe. */
final class ToolRoutes {
    private final ToolRegistry registry;

    ToolRoutes(ToolRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/tools", this::list);
    }

    private void list(Context ctx) {
        List<Map<String, Object>> tools = registry.availableTo(AuthHandler.principal(ctx)).stream()
                .map(ToolRoutes::toWire)
                .toList();
        ctx.contentType("application/json").result(ServerJson.write(Map.of("tools", tools)));
    }

    private static Map<String, Object> toWire(ToolDescriptor d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("description", d.description());
        m.put("side_effect", d.sideEffect().wireName());
        m.put("allowed_roles", new TreeSet<>(d.allowedRoles()));
        m.put("arguments_schema", d.argumentsSchema());
        return m;
    }
}
