package com.astradesk.server.conversation;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.HttpHarness.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/conversations} on real PostgreSQL: the caller's own conversations, paged, resumable. */
class ConversationListPostgresIT {
    @TempDir
    Path home;

    private static String databaseUrl(PostgresConfig config) {
        String sep = config.jdbcUrl().contains("?") ? "&" : "?";
        String url = config.jdbcUrl() + sep + "user=" + config.user();
        return config.password().isEmpty() ? url : url + "&password=" + config.password();
    }

    private static String conversationOf(HttpResponse<String> run) {
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        return json(run).get("conversation_id").asText();
    }

    private static HttpResponse<String> run(HttpHarness http, String token, String input, String conversationId) {
        return http.postJson(
                "/v1/agents/run",
                token,
                "{\"agent\":\"ops\",\"input\":" + quote(input)
                        + (conversationId == null ? "" : ",\"conversation_id\":" + quote(conversationId)) + "}");
    }

    @Test
    void should_list_page_and_resume_the_callers_own_conversations_from_postgres() {
        try (TestDatabase db = TestServices.createDatabase("convlist")) {
            // given
            AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of(
                    "PORT", "0",
                    "BIND_ADDRESS", "127.0.0.1",
                    "ASTRADESK_HOME", home.toString(),
                    "WEATHER_URL", "none",
                    "EMBEDDING_MODEL", "hashing",
                    "KNOWLEDGE_DIR", home.resolve("kb").toString(),
                    "DATABASE_URL", databaseUrl(db.config())));
            DevIssuer issuer = DevIssuer.loadOrCreate(config.devIssuer().keyFile());
            String lena = issuer.mint("lena", List.of("sre"), List.of(), Duration.ofMinutes(5));
            String otto = issuer.mint("otto", List.of("sre"), List.of(), Duration.ofMinutes(5));
            try (AstraDeskServer server = ServerWiring.wire(config).start()) {
                HttpHarness http = new HttpHarness(server);
                String first = conversationOf(run(http, lena, "show metrics for payments-api for the last 1h", null));
                String second = conversationOf(run(http, lena, "show metrics for webapp", null));
                String third = conversationOf(run(http, lena, "show metrics for webapp for the last 6h", null));
                String others = conversationOf(run(http, otto, "show metrics for webapp", null));

                // when: the first one is resumed, then the list is read in pages of two
                assertThat(conversationOf(run(http, lena, "and for the last 6h?", first)))
                        .isEqualTo(first);
                List<String> seen = new ArrayList<>();
                String cursor = null;
                int pages = 0;
                do {
                    HttpResponse<String> page =
                            http.get("/v1/conversations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), lena);
                    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                    json(page)
                            .get("conversations")
                            .forEach(c -> seen.add(c.get("conversation_id").asText()));
                    cursor = json(page).get("next_cursor").isNull()
                            ? null
                            : json(page).get("next_cursor").asText();
                    pages++;
                } while (cursor != null && pages < 5);

                // then
                assertThat(pages).isEqualTo(2);
                assertThat(seen).containsExactly(first, third, second).doesNotContain(others);
                var top = json(http.get("/v1/conversations?limit=1", lena))
                        .get("conversations")
                        .get(0);
                assertThat(top.get("turns").asInt()).isEqualTo(2);
                assertThat(top.get("title").asText()).isEqualTo("show metrics for payments-api for the last 1h");
                assertThat(json(http.get("/v1/conversations/" + first, lena)).get("turns"))
                        .hasSize(2);
                assertThat(http.get("/v1/conversations?cursor=bogus", lena).statusCode())
                        .isEqualTo(400);
            }
        }
    }
}
