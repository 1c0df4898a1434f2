package com.astradesk.core.plan.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.json.Json;
import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRole;
import com.astradesk.core.plan.ConversationTurn;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The LLM planner's prompt: conversation history, few-shot examples, and only the caller's tools. */
class LlmPlannerConversationTest {
    private static final ToolDescriptor METRICS = ToolDescriptor.builder("get_metrics")
            .withDescription("Reads metrics of a service")
            .build();
    private static final ToolDescriptor RESTART = ToolDescriptor.builder("restart_service")
            .withDescription("Restarts a service")
            .withSideEffect(SideEffect.EXECUTE)
            .withAllowedRoles("sre")
            .build();
    private static final ToolDescriptor WEATHER =
            ToolDescriptor.builder("get_weather").withDescription("Weather").build();

    private final ScriptedGateway gateway = new ScriptedGateway();
    private final Planner planner = LlmPlanner.builder().withGateway(gateway).build();

    private static PlanningRequest request(String input, List<ConversationTurn> history, String... roles) {
        return new PlanningRequest(input, Principal.of("alice", roles), List.of(METRICS, RESTART, WEATHER), Language.EN)
                .withHistory(history);
    }

    private static String prompt(List<ChatMessage> messages) {
        return messages.stream().map(ChatMessage::content).collect(Collectors.joining("\n"));
    }

    @Test
    void earlierTurnsComeBeforeTheRequestEachWithItsPlan() {
        Plan metrics = Plan.of(List.of(new PlanStep("get_metrics", Map.of("service", "payments-api", "window", "1h"))));
        List<ConversationTurn> history = List.of(
                new ConversationTurn(
                        "show metrics for payments-api for the last 1h", "CPU 40%", metrics, Instant.EPOCH),
                new ConversationTurn(
                        "restart the service",
                        "Which service should I restart?",
                        Plan.clarify("Which service should I restart?"),
                        Instant.EPOCH.plusSeconds(1)));
        gateway.answer("{\"steps\":[{\"tool\":\"restart_service\",\"arguments\":{\"service\":\"payments-api\"}}]}");

        Plan plan = planner.plan(request("payments-api", history, "sre"));

        assertThat(plan.steps()).containsExactly(new PlanStep("restart_service", Map.of("service", "payments-api")));
        List<ChatMessage> messages = gateway.requests.get(0).messages();
        assertThat(messages)
                .extracting(ChatMessage::role)
                .containsExactly(
                        ChatRole.SYSTEM,
                        ChatRole.USER,
                        ChatRole.ASSISTANT,
                        ChatRole.USER,
                        ChatRole.ASSISTANT,
                        ChatRole.USER);
        assertThat(messages.get(1).content()).isEqualTo("show metrics for payments-api for the last 1h");
        assertThat(Json.readObject(messages.get(2).content()))
                .isEqualTo(Json.readObject("{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":"
                        + "\"payments-api\",\"window\":\"1h\"}}],\"clarification\":null}"));
        assertThat(messages.get(4).content())
                .isEqualTo("{\"steps\":[],\"clarification\":\"Which service should I restart?\"}");
        assertThat(messages.get(5).content()).isEqualTo("payments-api");
    }

    @Test
    void aRepairKeepsTheHistory() {
        List<ConversationTurn> history =
                List.of(new ConversationTurn("show metrics for webapp", "ok", Plan.empty(), Instant.EPOCH));
        gateway.answer("not json").answer("{\"steps\":[]}");

        planner.plan(request("and for the last 6h?", history, "sre"));

        List<ChatMessage> repair = gateway.requests.get(1).messages();
        assertThat(repair.get(1).content()).isEqualTo("show metrics for webapp");
        assertThat(repair.get(repair.size() - 1).content()).contains("not a valid plan");
    }

    @Test
    void theExamplesShowOnlyTheCallersTools() {
        gateway.answer("{\"steps\":[]}").answer("{\"steps\":[]}");

        planner.plan(request("hello", List.of(), "viewer"));
        planner.plan(request("hello", List.of(), "sre"));

        String viewer = prompt(gateway.requests.get(0).messages());
        String sre = prompt(gateway.requests.get(1).messages());
        assertThat(viewer).contains("Examples:", "get_metrics", "get_weather", "pokaż metryki");
        assertThat(viewer).doesNotContain("restart_service", "restart service payments-api", "Zrestartuj");
        assertThat(viewer).doesNotContain("create_ticket", "get_ticket", "TKT-42");
        assertThat(sre).contains("restart service payments-api", "restart_service");
        assertThat(sre).doesNotContain("create_ticket");
    }

    @Test
    void noExamplesWhenTheCallerHasNoToolTheyAreAbout() {
        String text = PlanPrompt.examples(List.of(), PlanExample.defaults());
        // only the pure knowledge question is about no tool
        assertThat(text).contains("How do I reset my VPN password?").doesNotContain("\"tool\"");
        assertThat(PlanPrompt.examples(List.of(METRICS), List.of())).isEmpty();
    }

    @Test
    void theBuiltInExamplesAreDrawnFromTheKeywordRuleTable() {
        KeywordPlanner keyword = KeywordPlanner.builder().build();
        List<ToolDescriptor> all = List.of(
                METRICS,
                RESTART,
                WEATHER,
                ToolDescriptor.builder("create_ticket").build(),
                ToolDescriptor.builder("get_ticket").build());
        for (PlanExample example : PlanExample.defaults()) {
            Plan byRules = keyword.plan(new PlanningRequest(example.input(), Principal.of("alice", "sre"), all, null));
            Set<String> tools = byRules.steps().stream().map(PlanStep::tool).collect(Collectors.toSet());
            Set<String> expected =
                    example.plan().steps().stream().map(PlanStep::tool).collect(Collectors.toSet());
            assertThat(tools).as(example.input()).isEqualTo(expected);
            assertThat(byRules.clarification().isPresent())
                    .as(example.input())
                    .isEqualTo(example.plan().clarification().isPresent());
        }
    }
}
