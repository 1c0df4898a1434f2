package com.astradesk.server.knowledge;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.HttpHarness.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.wiring.ServerWiring;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The embedded server with its defaults: the real all-MiniLM-L6-v2 model and the repository's {@code docs/kb}
 * ingested in the background. One server (and one model load) for the class.
 */
class KnowledgeBaseHttpTest {
    @TempDir
    static Path home;

    private static AstraDeskServer server;
    private static HttpHarness http;
    private static DevIssuer issuer;

    @BeforeAll
    static void start() {
        Path kb = Path.of("..", "docs", "kb").toAbsolutePath().normalize();
        assertThat(Files.isDirectory(kb)).as("%s exists", kb).isTrue();
        AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of(
                "PORT",
                "0",
                "BIND_ADDRESS",
                "127.0.0.1",
                "ASTRADESK_HOME",
                home.toString(),
                "KNOWLEDGE_DIR",
                kb.toString()));
        issuer = DevIssuer.loadOrCreate(config.devIssuer().keyFile());
        server = ServerWiring.wire(config).start();
        http = new HttpHarness(server);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (http.get("/readyz", null).statusCode() != 200 && System.nanoTime() < deadline) {
            sleep(100);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String token(String sub, List<String> roles, List<String> groups) {
        return issuer.mint(sub, roles, groups, Duration.ofMinutes(5));
    }

    private static JsonNode ask(String token, String agent, String input) {
        HttpResponse<String> r =
                http.postJson("/v1/agents/run", token, "{\"agent\":\"" + agent + "\",\"input\":" + quote(input) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static List<String> sources(JsonNode run) {
        return run.get("citations").findValuesAsText("source");
    }

    @Test
    void should_report_the_knowledge_check_ready_once_docs_kb_is_ingested() {
        HttpResponse<String> ready = http.get("/readyz", null);

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(json(ready).get("checks").get("knowledge").asText()).isEqualTo("up");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "How do I reset my VPN password?|vpn-password-reset.md|From the knowledge base:",
                "Jak zresetować hasło do VPN?|jak-zresetowac-haslo-do-vpn.md|Według bazy wiedzy:"
            })
    void should_answer_a_newcomers_vpn_question_with_a_citation_of_the_right_document(
            String question, String expectedSource, String preamble) {
        // given
        String viewer = token("nina", List.of("viewer"), List.of());

        // when
        JsonNode run = ask(viewer, "support", question);

        // then
        assertThat(sources(run)).as(run.toString()).isNotEmpty();
        assertThat(sources(run).get(0)).isEqualTo(expectedSource);
        assertThat(run.get("output").asText()).startsWith(preamble).contains("[1] " + expectedSource);
        assertThat(run.get("degraded").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "How do I reset my VPN password?|Reset it yourself|1. Go to |4. Wait up to 5 minutes",
                "Jak zresetować hasło do VPN?|Samodzielny reset|1. Otwórz w przeglądarce|4. Odczekaj do 5 minut",
                "Zapomniałem hasła do VPN, co mam zrobić?|Samodzielny reset|1. Otwórz w przeglądarce|4. Odczekaj"
            })
    void should_answer_with_the_sections_heading_and_its_steps_one_per_line_citing_exactly_what_it_quotes(
            String question, String heading, String firstStep, String lastStep) {
        // when
        JsonNode run = ask(token("nina", List.of("viewer"), List.of()), "support", question);

        // then
        String output = run.get("output").asText();
        List<String> lines = output.lines().toList();
        assertThat(lines).as(output).anySatisfy(l -> assertThat(l).endsWith("> " + heading));
        assertThat(lines).as(output).anySatisfy(l -> assertThat(l).startsWith(firstStep));
        assertThat(lines).as(output).anySatisfy(l -> assertThat(l).startsWith(lastStep));
        assertThat(lines.stream().filter(l -> l.matches("\\d\\. .*")))
                .as(output)
                .hasSize(4);
        List<String> cited = sources(run);
        for (int i = 0; i < cited.size(); i++) {
            assertThat(output).contains(" [" + (i + 1) + "]").contains("[" + (i + 1) + "] " + cited.get(i));
        }
        assertThat(output).doesNotContain("[" + (cited.size() + 1) + "]");
    }

    @Test
    void should_keep_the_security_teams_mailbox_in_the_stored_answer() {
        // given: the escalation matrix names security@astradesk.example, the default REDACTION_ALLOWED_EMAILS
        String viewer = token("nina", List.of("viewer"), List.of());
        JsonNode run = ask(viewer, "support", "What is the escalation matrix?");
        assertThat(run.get("output").asText()).as(run.toString()).contains("security@astradesk.example");

        // when: the conversation as stored (the console shows it when a conversation is resumed)
        HttpResponse<String> conversation =
                http.get("/v1/conversations/" + run.get("conversation_id").asText(), viewer);

        // then: a role mailbox, not a person's address: not redacted
        assertThat(json(conversation).get("turns").get(0).get("output").asText())
                .contains("security@astradesk.example")
                .doesNotContain("[REDACTED:email]");
    }

    @Test
    void should_cite_nothing_for_a_question_the_knowledge_base_does_not_cover() {
        // when
        JsonNode run =
                ask(token("nina", List.of("viewer"), List.of()), "support", "Who won the 1998 football world cup?");

        // then
        assertThat(run.get("citations")).as(run.toString()).isEmpty();
        assertThat(run.get("output").asText()).startsWith("I don't know — the knowledge base has no answer");
    }

    @Test
    void should_show_the_sre_only_runbook_to_the_sre_group_only() {
        // given
        String question = "What should I check before restarting payments-api?";
        String sre = token("sam", List.of("viewer"), List.of("sre"));
        String other = token("olga", List.of("viewer"), List.of("marketing"));

        // when
        JsonNode sreRun = ask(sre, "support", question);
        JsonNode otherRun = ask(other, "support", question);

        // then
        assertThat(sources(sreRun)).as(sreRun.toString()).contains("runbooks/payments-api-restart.md");
        assertThat(sources(sreRun).get(0)).isEqualTo("runbooks/payments-api-restart.md");
        assertThat(sources(otherRun)).as(otherRun.toString()).doesNotContain("runbooks/payments-api-restart.md");
        assertThat(otherRun.get("output").asText()).doesNotContain("payments-api-restart.md");
    }

    private static HttpResponse<String> postDocument(String token, String body) {
        return http.postJson("/v1/documents", token, body);
    }

    @Test
    void should_ingest_a_posted_document_for_its_acl_groups_and_skip_it_when_posted_again() {
        // given
        String admin = token("kim", List.of("kb.admin"), List.of());
        String body = "{\"source\":\"runbooks/plotter-calibration.md\",\"acl\":[\"design\"],\"content\":"
                + quote("# Plotter calibration\n\nTo calibrate the large-format plotter, load the calibration sheet,"
                        + " open the plotter menu, choose Maintenance > Calibrate colour and wait ten minutes.\n")
                + "}";

        // when
        HttpResponse<String> first = postDocument(admin, body);
        HttpResponse<String> second = postDocument(admin, body);
        JsonNode designer =
                ask(token("dora", List.of("viewer"), List.of("design")), "support", "How do I calibrate the plotter?");
        JsonNode outsider =
                ask(token("otto", List.of("viewer"), List.of()), "support", "How do I calibrate the plotter?");

        // then
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).get("status").asText()).isEqualTo("ingested");
        assertThat(json(first).get("chunks_written").asInt()).isPositive();
        assertThat(json(second).get("status").asText()).isEqualTo("unchanged");
        assertThat(json(second).get("chunks_written").asInt()).isZero();
        assertThat(sources(designer)).first().isEqualTo("runbooks/plotter-calibration.md");
        assertThat(sources(outsider)).doesNotContain("runbooks/plotter-calibration.md");
    }

    @Test
    void should_accept_a_document_larger_than_the_default_body_limit() {
        // given: about 100 KiB of text, over the 64 KiB limit of other routes
        String paragraph = "Section %d of the archive policy: keep invoices for seven years and contracts for ten.\n\n";
        StringBuilder content = new StringBuilder("# Archive policy\n\n");
        for (int i = 0; content.length() < 100 * 1024; i++) {
            content.append(String.format(paragraph, i));
        }

        // when: embedding its 50-odd chunks with MiniLM takes about 5 s on a busy 2-core machine and went past the
        // harness's 20 s request timeout on a more loaded one, so this request gets 2 minutes
        HttpResponse<String> r = http.send(http.request("/v1/documents")
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token("kim", List.of("kb.admin"), List.of()))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"source\":\"archive-policy.txt\",\"content\":" + quote(content.toString()) + "}")));

        // then
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("chunks_written").asInt()).isGreaterThan(50);
    }

    @Test
    void should_refuse_documents_from_callers_without_the_kb_admin_role() {
        // when
        HttpResponse<String> r = postDocument(
                token("vic", List.of("sre", "it.support"), List.of("sre")),
                "{\"source\":\"x.md\",\"content\":\"# X\\n\\ntext\"}");

        // then
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(r).get("code").asText()).isEqualTo("forbidden");
        assertThat(json(r).get("required_roles")).extracting(JsonNode::asText).containsExactly("kb.admin");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"source\":\"../secrets.md\",\"content\":\"text\"}|invalid_field|source|'..'",
                "{\"source\":\"/etc/motd.md\",\"content\":\"text\"}|invalid_field|source|relative",
                "{\"source\":\"C:/kb/a.md\",\"content\":\"text\"}|invalid_field|source|relative",
                "{\"source\":\"notes.pdf\",\"content\":\"text\"}|invalid_field|source|.md or .txt",
                "{\"source\":\"notes.md\"}|missing_field|content|required",
                "{\"source\":\"notes.md\",\"content\":\"text\",\"acl\":\"sre\"}|invalid_field|acl|list",
                "{\"source\":\"notes.md\",\"content\":\"---\\nacl: [sre]\\n---\\n\"}|document_rejected||no text"
            })
    void should_reject_an_invalid_document_with_a_problem_naming_it(
            String body, String code, String field, String detail) {
        // when
        HttpResponse<String> r = postDocument(token("kim", List.of("kb.admin"), List.of()), body);

        // then
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode problem = json(r);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(problem.get("field").asText()).isEqualTo(field);
        }
        assertThat(problem.get("detail").asText()).contains(detail);
    }

    @Test
    void should_answer_413_for_content_over_one_mebibyte() {
        // given
        String content = "a".repeat(1024 * 1024 + 1);

        // when
        HttpResponse<String> r = postDocument(
                token("kim", List.of("kb.admin"), List.of()),
                "{\"source\":\"big.txt\",\"content\":\"" + content + "\"}");

        // then
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(json(r).get("code").asText()).isEqualTo("payload_too_large");
        assertThat(json(r).get("field").asText()).isEqualTo("content");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
