package com.astradesk.server.conversation;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.HttpHarness.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code REDACTION_ALLOWED_EMAILS} on the real wiring: the role mailboxes it lists stay in the stored conversation
 * (what the console and {@code GET /v1/conversations/{id}} show), every other address is still redacted.
 */
class RoleMailboxRedactionHttpTest {
    @TempDir
    static Path home;

    private static AstraDeskServer server;
    private static HttpHarness http;
    private static String alice;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        Path kb = Files.createDirectories(home.resolve("kb"));
        Files.writeString(kb.resolve("printer-problems.md"), """
                # Printer problems

                When the office printer jams, write to servicedesk@corp.example or to the facilities team at
                facilities@corp.example. Anna Nowak (anna.nowak@corp.example) keeps the spare toner.
                """);
        Map<String, String> env = Map.of(
                "PORT", "0",
                "BIND_ADDRESS", "127.0.0.1",
                "ASTRADESK_HOME", home.toString(),
                "WEATHER_URL", "none",
                "EMBEDDING_MODEL", "hashing",
                "KNOWLEDGE_DIR", kb.toString(),
                "KNOWLEDGE_MIN_SCORE", "0.05",
                "REDACTION_ALLOWED_EMAILS",
                        "servicedesk@corp.example, *@facilities.corp.example, facilities@corp.example");
        server = ServerWiring.wire(AstraDeskConfig.fromEnv(env)).start();
        http = new HttpHarness(server);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (http.get("/readyz", null).statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        HttpResponse<String> minted =
                http.postJson("/dev/token", null, "{\"sub\":\"alice\",\"roles\":[\"it.support\"]}");
        alice = json(minted).get("access_token").asText();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void should_keep_the_configured_role_mailboxes_and_redact_personal_addresses_in_the_stored_conversation() {
        // given: an answer quoting two role mailboxes and a person's address, asked by someone giving theirs
        HttpResponse<String> run = http.postJson(
                "/v1/agents/run",
                alice,
                "{\"agent\":\"support\",\"input\":"
                        + quote("When the office printer jams, who do I write to? I am alice.smith@gmail.com") + "}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(json(run).get("output").asText()).as(run.body()).contains("servicedesk@corp.example");

        // when
        JsonNode turn = json(http.get(
                        "/v1/conversations/" + json(run).get("conversation_id").asText(), alice))
                .get("turns")
                .get(0);

        // then
        assertThat(turn.get("output").asText())
                .contains("servicedesk@corp.example", "facilities@corp.example", "[REDACTED:email]")
                .doesNotContain("anna.nowak");
        assertThat(turn.get("input").asText())
                .isEqualTo("When the office printer jams, who do I write to? I am [REDACTED:email]");
    }
}
