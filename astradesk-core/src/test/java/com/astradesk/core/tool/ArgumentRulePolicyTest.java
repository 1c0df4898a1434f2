package com.astradesk.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.testing.RecordingTool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgumentRulePolicyTest {
    private final RecordingTool restart = RecordingTool.restartService();
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private final ToolPolicy policy = ToolPolicy.withArgumentRules(
            ToolPolicy.roleBased(),
            List.of(ArgumentRule.of("restart_service", "env", ArgumentMatcher.equalTo("prod"), "sre.prod")));
    private final ToolRegistry registry = ToolRegistry.builder()
            .withTool(restart)
            .withPolicy(policy)
            .withAuditSink(audit::add)
            .build();

    @Test
    void should_deny_a_prod_restart_to_an_sre_without_the_prod_role_and_never_run_the_tool() {
        // when
        ToolOutcome outcome = registry.execute(
                ToolCall.of("restart_service", Map.of("service", "webapp", "env", "prod"), Principal.of("bob", "sre")));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.DENIED);
        assertThat(outcome.denial()).hasValueSatisfying(d -> {
            assertThat(d.requiredRoles()).containsExactly("sre.prod");
            assertThat(d.reason()).contains("'env'").contains("restart_service").contains("[sre.prod]");
        });
        assertThat(restart.calls()).isEmpty();
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.decision()).isEqualTo(AuditDecision.DENIED);
            assertThat(r.actor()).isEqualTo("bob");
        });
    }

    @Test
    void should_allow_a_prod_restart_to_an_sre_with_the_prod_role() {
        ToolOutcome outcome = registry.execute(ToolCall.of(
                "restart_service",
                Map.of("service", "webapp", "env", "prod"),
                Principal.of("carol", "sre", "sre.prod")));

        assertThat(outcome.status()).isEqualTo(CallStatus.OK);
        assertThat(restart.calls()).hasSize(1);
        assertThat(audit).singleElement().extracting(AuditRecord::decision).isEqualTo(AuditDecision.ALLOWED);
    }

    @Test
    void should_apply_the_base_policy_first() {
        ToolOutcome outcome = registry.execute(ToolCall.of(
                "restart_service", Map.of("service", "webapp", "env", "dev"), Principal.of("eve", "sre.prod")));

        assertThat(outcome.status()).isEqualTo(CallStatus.DENIED);
        assertThat(outcome.denial())
                .hasValueSatisfying(d -> assertThat(d.requiredRoles()).containsExactly("sre"));
        assertThat(restart.calls()).isEmpty();
    }

    @Test
    void should_match_the_schema_default_when_the_argument_is_absent() {
        // given: env defaults to prod in the schema
        ToolOutcome outcome = registry.execute(
                ToolCall.of("restart_service", Map.of("service", "webapp"), Principal.of("bob", "sre")));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.DENIED);
        assertThat(restart.calls()).isEmpty();
    }

    @Test
    void should_fail_closed_when_the_argument_is_absent_and_has_no_schema_default() {
        // given: a restart tool whose env has no default
        var noDefault = com.astradesk.core.tool.ToolDescriptor.builder("restart_service")
                .withAllowedRoles("sre")
                .build();

        // when
        PolicyDecision sre = policy.decideArguments(Principal.of("bob", "sre"), noDefault, Map.of("service", "webapp"));
        PolicyDecision prod = policy.decideArguments(
                Principal.of("carol", "sre", "sre.prod"), noDefault, Map.of("service", "webapp"));

        // then
        assertThat(sre.allowed()).isFalse();
        assertThat(prod.allowed()).isTrue();
    }

    @ParameterizedTest(name = "env={0} -> allowed={1}")
    @CsvSource({"dev, true", "staging, true", "prod, false", "PROD, false", "' prod ', false"})
    void should_decide_by_argument_value_when_planning(String env, boolean allowed) {
        // given: a planner checks a step before anything runs
        var descriptor = restart.descriptor();

        // when
        PolicyDecision decision =
                policy.decideArguments(Principal.of("bob", "sre"), descriptor, Map.of("service", "webapp", "env", env));

        // then
        assertThat(decision.allowed()).isEqualTo(allowed);
    }

    @Test
    void should_match_regex_and_any_of_and_list_values() {
        assertThat(ArgumentMatcher.regex("prod-[a-z]+").matches("prod-eu")).isTrue();
        assertThat(ArgumentMatcher.regex("prod-[a-z]+").matches("xprod-eu")).isFalse();
        assertThat(ArgumentMatcher.anyOf("prod", "production").matches("Production"))
                .isTrue();
        assertThat(ArgumentMatcher.anyOf("prod", "production").matches("dev")).isFalse();
        assertThat(ArgumentMatcher.equalTo("prod").matches(List.of("dev", "prod")))
                .isTrue();
        assertThat(ArgumentMatcher.equalTo("42").matches(42)).isTrue();
        assertThat(ArgumentMatcher.equalTo("prod").matches(null)).isFalse();
        assertThat(ArgumentMatcher.equalTo("prod").matches(Map.of("env", "prod")))
                .isFalse();
    }

    @Test
    void should_reject_rules_without_roles_or_with_a_bad_regex() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentRule.of("restart_service", "env", ArgumentMatcher.equalTo("prod")))
                .withMessageContaining("required roles");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentMatcher.regex("prod-("))
                .withMessageContaining("invalid argument rule regex");
        assertThatIllegalArgumentException().isThrownBy(() -> ArgumentMatcher.anyOf(List.of()));
    }
}
