package com.astradesk.server;

import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real server wiring on a free loopback port, configured from an environment map (on top of loopback
 * defaults, embedded dev issuer under {@code home}, no public weather service), with tokens from its dev issuer.
 */
public final class RunningServer implements AutoCloseable {
    private final AstraDeskServer server;
    private final DevIssuer issuer;
    private final HttpHarness http;

    public RunningServer(Path home, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("PORT", "0");
        all.put("BIND_ADDRESS", "127.0.0.1");
        all.put("ASTRADESK_HOME", home.toString());
        all.put("EMBEDDING_MODEL", "hashing");
        all.put("WEATHER_URL", "none"); // tests never call the public Open-Meteo
        all.putAll(env);
        AstraDeskConfig config = AstraDeskConfig.fromEnv(all);
        this.issuer = DevIssuer.loadOrCreate(config.devIssuer().keyFile());
        this.server = ServerWiring.wire(config).start();
        this.http = new HttpHarness(server);
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** Calls over HTTP. */
    public HttpHarness http() {
        return http;
    }

    /** A token for {@code sub} with these roles. */
    public String token(String sub, String... roles) {
        return issuer.mint(sub, List.of(roles), List.of(), Duration.ofMinutes(10));
    }

    /** {@code POST /v1/agents/run}; fails unless the answer is 200. */
    public JsonNode run(String token, String agent, String input) {
        HttpResponse<String> r = http.postJson(
                "/v1/agents/run",
                token,
                "{\"agent\":" + HttpHarness.quote(agent) + ",\"input\":" + HttpHarness.quote(input) + "}");
        if (r.statusCode() != 200) {
            throw new AssertionError("run answered " + r.statusCode() + ": " + r.body());
        }
        return HttpHarness.json(r);
    }

    /** The first step of a run's answer that called {@code tool}. */
    public static JsonNode step(JsonNode run, String tool) {
        for (JsonNode step : run.path("steps")) {
            if (tool.equals(step.path("tool").asText())) {
                return step;
            }
        }
        throw new AssertionError("no " + tool + " step in " + run);
    }

    @Override
    public void close() {
        server.close();
    }
}
