package com.astradesk.server.security;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.security.SecuredFixture.body;
import static com.astradesk.server.security.SecuredFixture.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.config.ConfigException;
import com.astradesk.core.tool.ArgumentRule;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgumentRulesTest {
    @TempDir
    Path dir;

    @Test
    void should_parse_rules_separated_by_semicolons() {
        List<ArgumentRule> rules = ArgumentRules.parse(
                "restart_service.env=prod:sre.prod; create_ticket.priority=high|urgent:sre,it.lead");

        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).tool()).isEqualTo("restart_service");
        assertThat(rules.get(0).argument()).isEqualTo("env");
        assertThat(rules.get(0).requiredRoles()).containsExactly("sre.prod");
        assertThat(rules.get(1).requiredRoles()).containsExactlyInAnyOrder("sre", "it.lead");
        assertThat(rules.get(1).matcher().matches("urgent")).isTrue();
        assertThat(rules.get(1).matcher().matches("low")).isFalse();
    }

    @Test
    void should_read_rules_from_a_file() throws Exception {
        Path file = dir.resolve("rules.txt");
        Files.writeString(file, "# production restarts\nrestart_service.env=prod:sre.prod\n");

        assertThat(ArgumentRules.parse("@" + file)).hasSize(1);
        assertThat(ArgumentRules.parse(file.toString())).hasSize(1);
    }

    @Test
    void should_name_the_variable_and_entry_when_a_rule_is_malformed() {
        assertThatThrownBy(() -> ArgumentRules.parse("restart_service=prod"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("POLICY_ARGUMENT_RULES")
                .hasMessageContaining("restart_service=prod");
        assertThatThrownBy(() -> ArgumentRules.parse("@" + dir.resolve("missing.txt")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void should_deny_a_prod_restart_to_sre_without_sre_prod_and_audit_it_over_http() {
        List<ArgumentRule> rules = ArgumentRules.parse("restart_service.env=prod:sre.prod");
        try (var fx = new SecuredFixture(ServerSecurity.permissive(), Set.of(), rules)) {
            HttpResponse<String> denied =
                    fx.http.postJson("/v1/agents/run", token("sam", "sre"), body("restart webapp in prod"));
            HttpResponse<String> staging =
                    fx.http.postJson("/v1/agents/run", token("sam", "sre"), body("restart webapp in staging"));
            HttpResponse<String> allowed =
                    fx.http.postJson("/v1/agents/run", token("pat", "sre", "sre.prod"), body("restart webapp in prod"));

            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(json(denied).get("required_roles").toString()).contains("sre.prod");
            assertThat(staging.statusCode()).isEqualTo(200);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(fx.restarts.get()).isEqualTo(2);
            assertThat(fx.auditLog.recent(100))
                    .filteredOn(r -> r.decision() == AuditDecision.DENIED)
                    .extracting(AuditRecord::actor)
                    .containsExactly("sam");
        }
    }

    @Test
    void should_check_argument_rules_before_parking_a_step_for_approval() {
        List<ArgumentRule> rules = ArgumentRules.parse("restart_service.env=prod:sre.prod");
        try (var fx = new SecuredFixture(ServerSecurity.permissive(), Set.of("restart_service"), rules)) {
            HttpResponse<String> denied =
                    fx.http.postJson("/v1/agents/run", token("sam", "sre"), body("restart webapp in prod"));

            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(fx.approvals.pending()).isEmpty();
        }
    }
}
