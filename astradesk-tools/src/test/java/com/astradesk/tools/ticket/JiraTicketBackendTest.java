package com.astradesk.tools.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.coordination.LockService;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.tools.testing.FakeJira;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Jira Cloud adapter against {@link FakeJira}, a loopback server with REST API v3's documented request and
 * response shapes (no Jira can run here). The contract tests run against it too.
 */
class JiraTicketBackendTest extends AbstractTicketBackendContractTest {
    private static final String USER = "bot@example.com";
    private static final String TOKEN = "ATATT3x-test-token";

    private FakeJira jira;
    private final LockService locks = LockService.inMemory();

    @BeforeEach
    void startJira() throws IOException {
        jira = new FakeJira("OPS", USER, TOKEN);
    }

    @AfterEach
    void stopJira() {
        jira.close();
    }

    @Override
    protected TicketBackend newBackend() {
        // the timeout also bounds a create's wait for the idempotency key's lock: in the contract's race, 32 creates of
        // one key take the lock one after another (a search and a read each, 50 ms lock polls), and on a loaded
        // machine the last waiter can pass the default 10 s and answer "try again"; 60 s keeps the race about
        // idempotency, not about the machine's speed
        return TicketBackend.jira(
                JiraConfig.of(jira.url(), "OPS", USER, TOKEN).withTimeout(Duration.ofSeconds(60)), locks);
    }

    @Override
    protected String unknownId() {
        return "OPS-987654";
    }

    @Test
    void should_create_an_issue_with_an_adf_description_a_mapped_priority_and_the_idempotency_label() {
        // given
        TicketBackend backend = newBackend();

        // when
        Ticket ticket = backend.create(
                "VPN down", "Cannot connect.\nSince 9:00.", TicketPriority.HIGH, "alice", Optional.of("run-1:0"));

        // then
        assertThat(ticket.id()).isEqualTo("OPS-1");
        JsonNode fields = jira.createBodies().get(0).get("fields");
        assertThat(fields.at("/project/key").asText()).isEqualTo("OPS");
        assertThat(fields.at("/issuetype/name").asText()).isEqualTo("Task");
        assertThat(fields.at("/priority/name").asText()).isEqualTo("High");
        assertThat(fields.at("/description/type").asText()).isEqualTo("doc");
        assertThat(fields.at("/description/content/0/content/0/text").asText()).isEqualTo("Cannot connect.");
        assertThat(fields.at("/description/content/0/content/1/type").asText()).isEqualTo("hardBreak");
        assertThat(fields.get("labels").toString())
                .contains("\"astradesk\"")
                .contains("astradesk-idem-")
                .doesNotContain("run-1");
        assertThat(jira.createBodies().get(0).at("/properties/0/value/reporter").asText())
                .isEqualTo("alice");
    }

    @Test
    void should_find_the_first_issue_by_its_label_after_a_restart() {
        // given: a ticket created by one backend instance (one replica, or before a restart)
        Ticket first = newBackend().create("VPN down", "d", TicketPriority.MEDIUM, "alice", Optional.of("k"));

        // when: another instance, with no memory of it, replays the create
        Ticket replay = TicketBackend.jira(JiraConfig.of(jira.url(), "OPS", USER, TOKEN), LockService.inMemory())
                .create("VPN down again", "d2", TicketPriority.HIGH, "alice", Optional.of("k"));

        // then
        assertThat(replay).isEqualTo(first);
        assertThat(jira.issueCount()).isEqualTo(1);
    }

    @Test
    void should_map_jira_priorities_and_status_categories() {
        // given
        TicketBackend backend = newBackend();
        Ticket a = backend.create("a", "d", TicketPriority.LOW, "alice", Optional.empty());
        Ticket b = backend.create("b", "d", TicketPriority.LOW, "alice", Optional.empty());
        Ticket c = backend.create("c", "d", TicketPriority.LOW, "alice", Optional.empty());

        // when
        jira.transition(a.id(), "In Progress", "indeterminate");
        jira.setPriority(a.id(), "Highest");
        jira.transition(b.id(), "Done", "done");
        jira.setPriority(b.id(), "Lowest");
        jira.transition(c.id(), "Closed", "done");

        // then
        assertThat(backend.find(a.id()).orElseThrow())
                .extracting(Ticket::status, Ticket::priority)
                .containsExactly(TicketStatus.IN_PROGRESS, TicketPriority.HIGH);
        assertThat(backend.find(b.id()).orElseThrow())
                .extracting(Ticket::status, Ticket::priority)
                .containsExactly(TicketStatus.RESOLVED, TicketPriority.LOW);
        assertThat(backend.find(c.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void should_only_accept_and_find_keys_of_its_project() {
        // given
        TicketBackend backend = newBackend();

        // then
        assertThat(backend.idPattern()).isEqualTo("^OPS-\\d+$");
        assertThat(backend.find("TKT-1")).isEmpty();
    }

    @Test
    void should_say_the_credentials_were_refused_without_echoing_the_token() {
        // given
        TicketBackend backend = TicketBackend.jira(JiraConfig.of(jira.url(), "OPS", USER, "wrong-token"), locks);

        // then
        assertThatThrownBy(() -> backend.create("a", "d", TicketPriority.LOW, "alice", Optional.empty()))
                .isInstanceOf(ToolFailureException.class)
                .hasMessageContaining("Jira refused the credentials (HTTP 401)")
                .hasMessageNotContaining("wrong-token");
    }

    @Test
    void should_name_the_fields_jira_rejected() {
        // given: an issue type the project does not have
        TicketBackend backend =
                TicketBackend.jira(JiraConfig.of(jira.url(), "OPS", USER, TOKEN).withIssueType("Epic Saga"), locks);

        // then
        assertThatThrownBy(() -> backend.create("a", "d", TicketPriority.LOW, "alice", Optional.empty()))
                .isInstanceOf(ToolFailureException.class)
                .hasMessageContaining("Jira reported an error: create issue rejected (issuetype)");
    }

    @Test
    void should_report_an_unreachable_jira_as_a_tool_failure() throws IOException {
        // given: a port nothing listens on
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TicketBackend backend = TicketBackend.jira(
                JiraConfig.of(URI.create("http://127.0.0.1:" + port), "OPS", USER, TOKEN)
                        .withTimeout(Duration.ofSeconds(2)),
                locks);

        // then
        assertThatThrownBy(() -> backend.find("OPS-1"))
                .isInstanceOf(ToolFailureException.class)
                .hasMessageContaining("Jira is unreachable");
    }

    @Test
    void should_hide_the_token_in_its_config_string() {
        assertThat(JiraConfig.of(jira.url(), "OPS", USER, TOKEN).toString()).doesNotContain(TOKEN);
    }
}
