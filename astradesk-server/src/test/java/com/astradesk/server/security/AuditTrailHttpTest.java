package com.astradesk.server.security;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /v1/audit} on the real wiring: role, filters, paging, chain status, problems, and its own audit. */
class AuditTrailHttpTest {
    private static WiredServer wired;
    private static String auditor;
    private static String sre;

    @BeforeAll
    static void start(@org.junit.jupiter.api.io.TempDir Path home) {
        wired = new WiredServer(home, Map.of());
        auditor = wired.token("audrey", "auditor");
        sre = wired.token("sam", "sre");
        assertThat(wired.run(sre, "ops", "show metrics for webapp").statusCode())
                .isEqualTo(200);
        assertThat(wired.run(wired.token("rita"), "ops", "restart webapp").statusCode())
                .isEqualTo(403);
    }

    @AfterAll
    static void stop() {
        wired.close();
    }

    private static HttpResponse<String> audit(String token, String query) {
        return wired.http.get("/v1/audit" + (query.isEmpty() ? "" : "?" + query), token);
    }

    private static List<String> field(JsonNode body, String name) {
        List<String> out = new ArrayList<>();
        body.get("records").forEach(r -> out.add(r.path(name).asText()));
        return out;
    }

    @Test
    void should_show_an_auditor_the_filtered_records_newest_first_with_a_verified_chain() {
        // when
        HttpResponse<String> sams = audit(auditor, "actor=sam");
        HttpResponse<String> denied = audit(auditor, "decision=denied&tool=restart_service");

        // then
        assertThat(sams.statusCode()).as(sams.body()).isEqualTo(200);
        assertThat(sams.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(sams);
        assertThat(field(body, "action")).containsExactly("agents.run", "get_metrics");
        assertThat(field(body, "actor")).containsOnly("sam");
        assertThat(field(body, "chain")).containsOnly("verified");
        assertThat(body.get("chain").get("status").asText()).isEqualTo("verified");
        assertThat(body.get("chain").get("checked").asInt()).isEqualTo(2);
        assertThat(body.get("next_cursor").isNull()).isTrue();
        assertThat(body.get("records").get(0).get("hash").asText()).hasSize(64);
        assertThat(field(json(denied), "actor")).containsExactly("rita");
    }

    @Test
    void should_page_with_the_opaque_cursor() {
        // when
        JsonNode first = json(audit(auditor, "limit=1&actor=sam"));
        String cursor = first.get("next_cursor").asText();
        JsonNode second = json(audit(auditor, "limit=1&actor=sam&cursor=" + cursor));

        // then
        assertThat(field(first, "action")).containsExactly("agents.run");
        assertThat(field(second, "action")).containsExactly("get_metrics");
        assertThat(second.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void should_refuse_a_caller_without_the_auditor_role_and_audit_both_reads() {
        // when
        HttpResponse<String> refused = audit(sre, "action=agents.run");
        audit(auditor, "action=get_metrics");
        JsonNode reads = json(audit(auditor, "action=audit.read"));

        // then
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(refused);
        assertThat(problem.get("code").asText()).isEqualTo("forbidden");
        assertThat(problem.get("required_roles").get(0).asText()).isEqualTo("auditor");
        List<String> who = new ArrayList<>();
        reads.get("records")
                .forEach(r -> who.add(
                        r.get("actor").asText() + ":" + r.get("decision").asText()));
        assertThat(who).contains("sam:denied", "audrey:allowed");
        JsonNode own = reads.get("records").get(0);
        assertThat(own.get("args").get("filters").get("action").asText()).isEqualTo("get_metrics");
        assertThat(own.get("request_id").asText()).isNotBlank();
    }

    @Test
    void should_answer_401_without_a_token() {
        assertThat(audit(null, "").statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "decision=maybe|decision",
                "from=yesterday|from",
                "to=2026-12-07|to",
                "from=2026-12-07T12:00:00Z&to=2026-12-07T11:00:00Z|from",
                "limit=0|limit",
                "limit=201|limit",
                "limit=ten|limit",
                "cursor=not-a-cursor|cursor",
                "cursor=cDE6LTU|cursor",
                "actor=a%20b|actor",
                "verb=GET|verb",
                "actor=a&actor=b|actor"
            })
    void should_answer_400_naming_a_bad_filter(String query, String field) {
        // when
        HttpResponse<String> response = audit(auditor, query);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).isEqualTo("invalid_field");
        assertThat(problem.get("field").asText()).isEqualTo(field);
        assertThat(response.body()).doesNotContain("Exception", "at com.");
    }

    @Test
    void should_not_echo_markup_from_an_unknown_parameter_name() {
        String evil = URLEncoder.encode("<script>x</script>", StandardCharsets.UTF_8);

        HttpResponse<String> response = audit(auditor, evil + "=1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("<script>");
    }
}
