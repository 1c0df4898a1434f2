package com.astradesk.tools.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.tool.ArgumentMatcher;
import com.astradesk.core.tool.ArgumentRule;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRegistry;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's rule {@code restart_service.env=prod:sre.prod} fires on keyword-planned restarts: the planner reads
 * the environment, and a restart that names none is covered by the rule (fail closed).
 */
class RestartEnvironmentPolicyTest {
    private final KeywordPlanner planner = KeywordPlanner.builder().build();
    private final ToolRegistry registry = ToolRegistry.builder()
            .withTools(ToolProviders.discoveredTools(ToolProviderContext.empty()))
            .withPolicy(ToolPolicy.withArgumentRules(
                    ToolPolicy.roleBased(),
                    List.of(ArgumentRule.of("restart_service", "env", ArgumentMatcher.equalTo("prod"), "sre.prod"))))
            .build();

    @ParameterizedTest(name = "{0} -> env={1}, plain sre allowed={2}")
    @CsvSource(delimiter = '|', textBlock = """
            restart the database in prod                 | prod    | false
            please bounce payments-api on production     | prod    | false
            restart webapp in the live environment       | prod    | false
            zrestartuj bazę danych na produkcji          | prod    | false
            Zrestartuj payments-api na prodzie           | prod    | false
            restart webapp on staging                    | staging | true
            restart auth-service in pre-prod             | staging | true
            zrestartuj webapp na stagingu                | staging | true
            bounce search-service in dev                 | dev     | true
            uruchom ponownie webapp na środowisku deweloperskim | dev | true
            restart the database                         | -       | false
            """)
    void should_read_the_environment_and_let_the_argument_rule_decide(
            String query, String env, boolean plainSreAllowed) {
        // when
        Plan plan = planner.plan(Requests.all(query));

        // then
        assertThat(plan.steps()).singleElement().satisfies(step -> {
            assertThat(step.tool()).isEqualTo("restart_service");
            if (env.equals("-")) {
                assertThat(step.arguments()).doesNotContainKey("env");
            } else {
                assertThat(step.arguments()).containsEntry("env", env);
            }
        });
        PlanStep step = plan.steps().get(0);
        assertThat(registry.execute(ToolCall.of(step.tool(), step.arguments(), Principal.of("bob", "sre")))
                        .status())
                .isEqualTo(plainSreAllowed ? CallStatus.OK : CallStatus.DENIED);
        assertThat(registry.execute(
                                ToolCall.of(step.tool(), step.arguments(), Principal.of("carol", "sre", "sre.prod")))
                        .status())
                .isEqualTo(CallStatus.OK);
    }
}
