package com.astradesk.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.server.RunningServer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.tools.testing.FakeJira;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TICKETS_BACKEND=jira}: the support agent creates and reads Jira issues. Jira cannot run here, so the
 * server talks to {@link FakeJira}, which serves REST API v3's documented shapes and checks auth and bodies.
 */
class JiraTicketsHttpTest {
    @TempDir
    Path home;

    @Test
    void should_create_and_read_tickets_as_jira_issues() throws Exception {
        try (FakeJira jira = new FakeJira("ITS", "bot@example.com", "secret-token");
                RunningServer server = new RunningServer(home, jiraEnv(jira, "secret-token"))) {
            // when
            JsonNode created = server.run(
                    server.token("alice", "it.support"), "support", "Create a ticket: printer on floor 3 is jammed");
            JsonNode step = RunningServer.step(created, "create_ticket");

            // then
            assertThat(step.path("status").asText()).as(created.toString()).isEqualTo("ok");
            assertThat(step.at("/result/ticket_id").asText()).isEqualTo("ITS-1");
            assertThat(jira.issueCount()).isEqualTo(1);
            JsonNode fields = jira.createBodies().get(0).get("fields");
            assertThat(fields.at("/project/key").asText()).isEqualTo("ITS");
            assertThat(fields.at("/description/type").asText()).isEqualTo("doc");
            assertThat(jira.createBodies()
                            .get(0)
                            .at("/properties/0/value/reporter")
                            .asText())
                    .isEqualTo("alice");
            // the result is the issue as Jira stores it, read back after the create
            assertThat(step.at("/result/status").asText()).isEqualTo("open");
            assertThat(step.at("/result/reporter").asText()).isEqualTo("alice");
        }
    }

    @Test
    void should_answer_a_step_error_naming_the_refused_credentials_not_a_500() throws Exception {
        try (FakeJira jira = new FakeJira("ITS", "bot@example.com", "secret-token");
                RunningServer server = new RunningServer(home, jiraEnv(jira, "stale-token"))) {
            // when
            JsonNode run = server.run(server.token("alice", "it.support"), "support", "Create a ticket: VPN is down");

            // then
            JsonNode step = RunningServer.step(run, "create_ticket");
            assertThat(step.path("status").asText()).isEqualTo("error");
            assertThat(step.path("error").asText())
                    .contains("Jira refused the credentials")
                    .doesNotContain("stale-token");
        }
    }

    @Test
    void should_refuse_to_start_when_jira_settings_are_missing_or_bad() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of(
                        "TICKETS_BACKEND", "jira", "JIRA_URL", "https://example.atlassian.net", "JIRA_PROJECT", "OPS")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TICKETS_BACKEND=jira needs JIRA_USER, JIRA_API_TOKEN");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of(
                        "TICKETS_BACKEND", "jira",
                        "JIRA_URL", "https://example.atlassian.net",
                        "JIRA_PROJECT", "ops",
                        "JIRA_USER", "bot@example.com",
                        "JIRA_API_TOKEN", "t")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("JIRA_PROJECT must be a Jira project key")
                .hasMessageNotContaining("JIRA_API_TOKEN");
    }

    @Test
    void should_refuse_postgres_tickets_without_a_database_and_unknown_backends() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("TICKETS_BACKEND", "postgres")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TICKETS_BACKEND=postgres needs DATABASE_URL");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("TICKETS_BACKEND", "servicenow")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TICKETS_BACKEND must be memory, postgres or jira; was 'servicenow'");
    }

    private static Map<String, String> jiraEnv(FakeJira jira, String token) {
        return Map.of(
                "TICKETS_BACKEND", "jira",
                "JIRA_URL", jira.url().toString(),
                "JIRA_PROJECT", "ITS",
                "JIRA_USER", "bot@example.com",
                "JIRA_API_TOKEN", token);
    }
}
