package com.astradesk.server.security;

import static com.astradesk.server.HttpHarness.json;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The real server wiring (built-in tools, keyword planner, embedded dev issuer) on a free loopback port. */
final class WiredServer implements AutoCloseable {
    final AstraDeskServer server;
    final HttpHarness http;

    WiredServer(Path home, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("ASTRADESK_HOME", home.toString());
        env.put("WEATHER_URL", "none"); // tests never call the public Open-Meteo
        env.putAll(extra);
        this.server = ServerWiring.wire(AstraDeskConfig.fromEnv(env)).start();
        this.http = new HttpHarness(server);
    }

    /** A dev-issuer token for {@code sub} with {@code roles}. */
    String token(String sub, String... roles) {
        String rolesJson = List.of(roles).stream().map(HttpHarness::quote).collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> minted = http.postJson(
                "/dev/token", null, "{\"sub\":" + HttpHarness.quote(sub) + ",\"roles\":" + rolesJson + "}");
        if (minted.statusCode() != 200) {
            throw new IllegalStateException("cannot mint a token: " + minted.body());
        }
        return json(minted).get("access_token").asText();
    }

    HttpResponse<String> run(String token, String agent, String input) {
        return http.postJson(
                "/v1/agents/run",
                token,
                "{\"agent\":" + HttpHarness.quote(agent) + ",\"input\":" + HttpHarness.quote(input) + "}");
    }

    @Override
    public void close() {
        server.close();
    }
}
