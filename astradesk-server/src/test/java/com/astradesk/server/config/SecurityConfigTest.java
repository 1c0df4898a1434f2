package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityConfigTest {

    @Test
    void should_default_to_60_per_minute_10_per_execute_tool_fail_open_24h_and_no_approvals_outside_production() {
        SecurityConfig c = AstraDeskConfig.fromEnv(Map.of()).security();

        assertThat(c.ratePerMinute()).isEqualTo(60);
        assertThat(c.executePerMinute()).isEqualTo(10);
        assertThat(c.failClosed()).isFalse();
        assertThat(c.roleRatesPerMinute()).isEmpty();
        assertThat(c.idempotencyTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.approvalTools()).isEmpty();
        assertThat(c.approvalTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(c.argumentRules()).isEmpty();
    }

    @Test
    void should_leave_approvals_in_production_to_the_tools_declaration_by_default() {
        SecurityConfig production = SecurityConfig.defaults(DeploymentEnvironment.PRODUCTION);

        assertThat(production.approvalsAsDeclared()).isTrue();
        assertThat(production.approvalTools()).isEmpty();
        assertThat(SecurityConfig.defaults(DeploymentEnvironment.DEVELOPMENT).approvalsAsDeclared())
                .isFalse();
    }

    @Test
    void should_read_every_variable() {
        SecurityConfig c = AstraDeskConfig.fromEnv(Map.of(
                        "RATE_LIMIT_PER_MINUTE", "30",
                        "RATE_LIMIT_ROLES", "SRE=300, approver=120",
                        "RATE_LIMIT_EXECUTE_PER_MINUTE", "5",
                        "RATE_LIMIT_FAILURE_MODE", "closed",
                        "IDEMPOTENCY_TTL", "2h",
                        "APPROVAL_REQUIRED_TOOLS", "restart_service, create_ticket",
                        "APPROVAL_TTL", "PT15M",
                        "POLICY_ARGUMENT_RULES", "restart_service.env=prod:sre.prod"))
                .security();

        assertThat(c.ratePerMinute()).isEqualTo(30);
        assertThat(c.roleRatesPerMinute()).containsExactlyInAnyOrderEntriesOf(Map.of("sre", 300, "approver", 120));
        assertThat(c.executePerMinute()).isEqualTo(5);
        assertThat(c.failClosed()).isTrue();
        assertThat(c.idempotencyTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(c.approvalTools()).containsExactlyInAnyOrder("restart_service", "create_ticket");
        assertThat(c.approvalTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.argumentRules()).isEqualTo("restart_service.env=prod:sre.prod");
    }

    @Test
    void should_keep_only_the_demo_knowledge_bases_security_mailbox_by_default() {
        SecurityConfig c = AstraDeskConfig.fromEnv(Map.of()).security();

        assertThat(c.redaction().allowedEmails()).containsExactly("security@astradesk.example");
        assertThat(c.redaction().allowsEmail("security@astradesk.example")).isTrue();
        assertThat(c.redaction().allowsEmail("alice@astradesk.example")).isFalse();
    }

    @Test
    void should_read_allowed_role_mailboxes_and_none() {
        SecurityConfig listed = AstraDeskConfig.fromEnv(
                        Map.of("REDACTION_ALLOWED_EMAILS", "ServiceDesk@corp.example, *@noc.corp.example"))
                .security();
        SecurityConfig none = AstraDeskConfig.fromEnv(Map.of("REDACTION_ALLOWED_EMAILS", "none"))
                .security();

        assertThat(listed.redaction().allowedEmails())
                .containsExactlyInAnyOrder("servicedesk@corp.example", "*@noc.corp.example");
        assertThat(none.redaction().allowedEmails()).isEmpty();
    }

    @Test
    void should_name_the_entry_that_is_no_address() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(
                        Map.of("REDACTION_ALLOWED_EMAILS", "security@astradesk.example, security team")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("REDACTION_ALLOWED_EMAILS")
                .hasMessageContaining("'security team'");
    }

    @Test
    void should_let_production_turn_approvals_off_with_none() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("ASTRADESK_ENV", "production")))
                .isInstanceOf(ConfigException.class); // production needs an issuer; approvals parse independently
        assertThat(SecurityConfig.from(
                                new EnvReader(Map.of("APPROVAL_REQUIRED_TOOLS", "none")),
                                DeploymentEnvironment.PRODUCTION)
                        .approvalTools())
                .isEmpty();
        assertThat(SecurityConfig.from(
                                new EnvReader(Map.of("APPROVAL_REQUIRED_TOOLS", "none")),
                                DeploymentEnvironment.PRODUCTION)
                        .approvalsAsDeclared())
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "RATE_LIMIT_PER_MINUTE, 0",
        "RATE_LIMIT_PER_MINUTE, many",
        "RATE_LIMIT_ROLES, sre",
        "RATE_LIMIT_ROLES, sre=0",
        "RATE_LIMIT_EXECUTE_PER_MINUTE, -1",
        "RATE_LIMIT_FAILURE_MODE, sometimes",
        "IDEMPOTENCY_TTL, forever",
        "IDEMPOTENCY_TTL, 0s",
        "APPROVAL_TTL, -PT1H",
        "REDACTION_ALLOWED_EMAILS, security",
        "REDACTION_ALLOWED_EMAILS, *@*"
    })
    void should_name_the_variable_when_a_value_is_invalid(String variable, String value) {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(variable);
    }
}
