package com.astradesk.core.plan.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.plan.ConversationTurn;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowUpPlannerTest {
    private static final List<ToolDescriptor> OPS = List.of(
            ToolDescriptor.builder("get_metrics").build(),
            ToolDescriptor.builder("get_weather").build(),
            ToolDescriptor.builder("restart_service")
                    .withSideEffect(SideEffect.EXECUTE)
                    .withAllowedRoles("sre")
                    .build(),
            ToolDescriptor.builder("get_ticket").build());

    private final Planner keyword = KeywordPlanner.builder().build();
    private final Planner planner =
            FollowUpPlanner.builder().withPlanner(keyword).build();

    /** Plans the inputs as one conversation, each turn seeing the ones before with their plans. */
    private List<Plan> converse(String... inputs) {
        List<ConversationTurn> history = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        for (String input : inputs) {
            Plan plan = planner.plan(request(input).withHistory(history));
            plans.add(plan);
            history.add(new ConversationTurn(
                    input, plan.clarification().orElse("done"), plan, Instant.EPOCH.plusSeconds(history.size())));
        }
        return plans;
    }

    private static PlanningRequest request(String input) {
        return new PlanningRequest(input, Principal.of("alice", "sre"), OPS, null);
    }

    @Test
    void aNewWindowRepeatsThePreviousMetricsQuery() {
        List<Plan> plans = converse("show metrics for payments-api for the last 1h", "and for the last 6h?");
        assertThat(plans.get(0).steps())
                .containsExactly(new PlanStep("get_metrics", Map.of("service", "payments-api", "window", "1h")));
        assertThat(plans.get(1).steps())
                .containsExactly(new PlanStep("get_metrics", Map.of("service", "payments-api", "window", "6h")));
    }

    @Test
    void anotherServiceKeepsThePreviousWindow() {
        List<Plan> plans = converse("show metrics for payments-api for the last 1h", "what about auth-service?");
        assertThat(plans.get(1).steps())
                .containsExactly(new PlanStep("get_metrics", Map.of("service", "auth-service", "window", "1h")));
    }

    @Test
    void polishEllipsisNamesAnotherService() {
        List<Plan> plans = converse("pokaż metryki dla payments-api z ostatniej 1h", "a teraz dla webapp");
        assertThat(plans.get(1).steps())
                .containsExactly(new PlanStep("get_metrics", Map.of("service", "webapp", "window", "1h")));
    }

    @Test
    void polishEllipsisNamesAnotherWindow() {
        List<Plan> plans = converse("pokaż metryki dla payments-api z ostatniej 1h", "a z ostatnich 6 godzin?");
        assertThat(plans.get(1).steps())
                .containsExactly(new PlanStep("get_metrics", Map.of("service", "payments-api", "window", "6h")));
    }

    @Test
    void restartItTargetsThePreviousService() {
        List<Plan> plans = converse("show metrics for payments-api for the last 1h", "restart it");
        assertThat(plans.get(1).steps())
                .containsExactly(new PlanStep("restart_service", Map.of("service", "payments-api")));
    }

    @Test
    void polishReferenceTargetsThePreviousService() {
        List<Plan> plans = converse("pokaż metryki dla auth-service", "zrestartuj go");
        assertThat(plans.get(1).steps())
                .containsExactly(new PlanStep("restart_service", Map.of("service", "auth-service")));
    }

    @Test
    void aOneWordAnswerCompletesThePendingRestart() {
        List<Plan> plans = converse("restart the service", "payments-api");
        assertThat(plans.get(0).clarification()).isPresent();
        assertThat(plans.get(0).steps()).isEmpty();
        assertThat(plans.get(1).steps())
                .containsExactly(new PlanStep("restart_service", Map.of("service", "payments-api")));
    }

    @Test
    void aOneWordAnswerCompletesThePendingWeatherQuestion() {
        List<Plan> plans = converse("what's the weather?", "Warsaw");
        assertThat(plans.get(0).clarification()).isPresent();
        assertThat(plans.get(1).steps()).containsExactly(new PlanStep("get_weather", Map.of("city", "Warsaw")));
    }

    @Test
    void aSideEffectIsNeverRepeatedByEllipsis() {
        List<Plan> plans = converse("restart payments-api", "and auth-service?");
        assertThat(plans.get(0).steps()).hasSize(1);
        assertThat(plans.get(1).steps()).isEmpty();
    }

    @Test
    void aStandaloneRequestIsPlannedAsItStands() {
        List<Plan> plans = converse("show metrics for payments-api for the last 1h", "what's the weather in Berlin?");
        assertThat(plans.get(1).steps()).containsExactly(new PlanStep("get_weather", Map.of("city", "Berlin")));
    }

    @Test
    void anUnrelatedQuestionAfterMetricsStaysAKnowledgeQuestion() {
        List<Plan> plans = converse("show metrics for payments-api for the last 1h", "how do I reset my VPN password?");
        assertThat(plans.get(1).isEmpty()).isTrue();
    }

    @Test
    void withoutHistoryNothingIsResolved() {
        assertThat(planner.plan(request("and for the last 6h?")).isEmpty()).isTrue();
        assertThat(planner.plan(request("restart it")).steps()).isEmpty();
    }
}
