package com.astradesk.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.store.testing.TestServices;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two server instances sharing one real Redis (REDIS_URL) hold one rate limit and one idempotency record. */
class SharedRedisLimitsIT {
    @TempDir
    Path home;

    @Test
    void should_hold_one_limit_and_one_idempotency_record_across_two_instances() {
        Map<String, String> env = Map.of(
                "REDIS_URL", TestServices.redis().url(),
                "RATE_LIMIT_PER_MINUTE", "4",
                "RATE_LIMIT_EXECUTE_PER_MINUTE", "100");
        try (var a = new WiredServer(home, env);
                var b = new WiredServer(home, env)) {
            // the dev issuer key lives in the shared home, so both instances accept each other's tokens
            String token = a.token("shared-" + UUID.randomUUID(), "sre");

            int[] statuses = new int[6];
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = (i % 2 == 0 ? a : b).http.get("/v1/tools", token).statusCode();
            }
            String sre = a.token("idem-" + UUID.randomUUID(), "sre");
            String key = "it-" + UUID.randomUUID();
            HttpResponse<String> first = runWithKey(a, sre, key);
            HttpResponse<String> replay = runWithKey(b, sre, key);

            assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(replay.body()).isEqualTo(first.body());
        }
    }

    private static HttpResponse<String> runWithKey(WiredServer server, String token, String key) {
        return server.http.send(server.http
                .request("/v1/agents/run")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"ops\",\"input\":\"Please restart webapp\"}")));
    }
}
