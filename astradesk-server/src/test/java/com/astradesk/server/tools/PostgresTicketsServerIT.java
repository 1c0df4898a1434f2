package com.astradesk.server.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.RunningServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With DATABASE_URL the tickets live in PostgreSQL: they survive a restart and are seen by every server. */
class PostgresTicketsServerIT {
    @TempDir
    Path home;

    @Test
    void should_keep_tickets_in_postgres_across_a_restart_and_share_them_between_two_servers() {
        try (TestDatabase db = TestServices.createDatabase("server_tickets")) {
            Map<String, String> env = Map.of("DATABASE_URL", databaseUrl(db.config()));
            String ticketId;
            // given: a ticket created through one server
            try (RunningServer a = new RunningServer(home, env)) {
                JsonNode created = a.run(
                        a.token("alice", "it.support"),
                        "support",
                        "Create a ticket: VPN drops every 10 minutes for the Berlin office");
                JsonNode step = RunningServer.step(created, "create_ticket");
                assertThat(step.path("status").asText()).as(created.toString()).isEqualTo("ok");
                ticketId = step.at("/result/ticket_id").asText();
                assertThat(ticketId).matches("TKT-\\d+");

                // when: a second server on the same database reads it while the first still runs
                try (RunningServer b = new RunningServer(home, env)) {
                    JsonNode read = b.run(b.token("bob", "sre"), "support", "status of ticket " + ticketId);

                    // then
                    assertThat(RunningServer.step(read, "get_ticket")
                                    .at("/result/title")
                                    .asText())
                            .isEqualTo(step.at("/result/title").asText());
                }
            }

            // and: after both stopped, a new server still has it
            try (RunningServer restarted = new RunningServer(home, env)) {
                JsonNode read =
                        restarted.run(restarted.token("carol", "it.support"), "support", "check ticket " + ticketId);
                JsonNode step = RunningServer.step(read, "get_ticket");
                assertThat(step.path("status").asText()).as(read.toString()).isEqualTo("ok");
                assertThat(step.at("/result/reporter").asText()).isEqualTo("alice");
            }
        }
    }

    static String databaseUrl(PostgresConfig config) {
        String sep = config.jdbcUrl().contains("?") ? "&" : "?";
        String url = config.jdbcUrl() + sep + "user=" + config.user();
        return config.password().isEmpty() ? url : url + "&password=" + config.password();
    }
}
