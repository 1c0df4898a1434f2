package com.astradesk.server.http;

import com.astradesk.server.health.Readiness;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code GET /healthz} (liveness, touches nothing) and {@code GET /readyz} (every configured dependency). */
final class HealthRoutes {
    private static final String OK = ServerJson.write(Map.of("status", "ok"));
    private final Readiness readiness;

    HealthRoutes(Readiness readiness) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.contentType("application/json").result(OK));
        routes.get("/readyz", this::ready);
    }

    private void ready(Context ctx) {
        Map<String, Boolean> results = readiness.probe();
        List<String> failing = results.entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .toList();
        if (!failing.isEmpty()) {
            ctx.header("Retry-After", "5");
            ProblemMapper.write(
                    ctx,
                    503,
                    "not_ready",
                    "dependencies not answering: " + String.join(", ", failing),
                    Map.of("failing", failing));
            return;
        }
        Map<String, Object> checks = new LinkedHashMap<>();
        results.keySet().forEach(name -> checks.put(name, "up"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        body.put("checks", checks);
        ctx.contentType("application/json").result(ServerJson.write(body));
    }
}
