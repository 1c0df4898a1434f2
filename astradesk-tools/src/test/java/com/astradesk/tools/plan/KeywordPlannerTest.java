package com.astradesk.tools.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.PlanningException;
import com.astradesk.core.plan.keyword.ArgumentExtractors;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.IntentRule;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.text.Language;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeywordPlannerTest {
    private final KeywordPlanner planner = KeywordPlanner.builder().build();

    @Test
    void should_plan_only_the_tools_the_request_offers() {
        // given
        var request = Requests.offering("restart payments-api and show metrics for database", "get_metrics");

        // when
        Plan plan = planner.plan(request);

        // then
        assertThat(plan.steps())
                .containsExactly(new PlanStep("get_metrics", Map.of("service", "database", "window", "15m")));
    }

    @Test
    void should_not_ask_about_an_intent_whose_tool_is_not_offered() {
        // given
        var request = Requests.offering("restart something", "get_metrics", "get_weather");

        // when
        Plan plan = planner.plan(request);

        // then
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void should_plan_nothing_when_the_request_offers_no_tool() {
        // given
        var request = Requests.offering("restart payments-api");

        // when
        Plan plan = planner.plan(request);

        // then
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void should_run_nothing_and_ask_when_one_of_several_intents_lacks_its_argument() {
        // given
        var request = Requests.all("show metrics for database and restart the printer");

        // when
        Plan plan = planner.plan(request);

        // then
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.clarification())
                .hasValueSatisfying(q -> assertThat(q)
                        .startsWith("Which service should I restart?")
                        .contains("webapp, payments-api, search-service, database, api-gateway, auth-service"));
    }

    @Test
    void should_apply_a_custom_rule_added_through_the_builder_next_to_the_defaults() {
        // given
        var vpn = IntentRule.builder("vpn_reset", "reset_vpn")
                .withTriggers("reset ... vpn", "zresetuj ... vpn")
                .withBlockers("how do i", "jak")
                .withArgument(
                        "what",
                        context -> Extraction.of(context.original(context.triggerStart(), context.triggerEnd())))
                .withArgument("channel", ArgumentExtractors.constant("self-service"))
                .build();
        var custom = KeywordPlanner.builder().withRule(vpn).build();

        // when
        Plan reset = custom.plan(Requests.offering("Please reset my VPN token", "reset_vpn", "get_weather"));
        Plan howTo = custom.plan(Requests.offering("How do I reset my VPN password?", "reset_vpn"));
        Plan weather = custom.plan(Requests.offering("weather in Oslo", "reset_vpn", "get_weather"));

        // then
        assertThat(reset.steps())
                .containsExactly(new PlanStep("reset_vpn", Map.of("what", "reset my VPN", "channel", "self-service")));
        assertThat(howTo.isEmpty()).isTrue();
        assertThat(weather.steps()).containsExactly(new PlanStep("get_weather", Map.of("city", "Oslo")));
    }

    @Test
    void should_use_only_the_given_rules_when_they_replace_the_defaults() {
        // given
        var only = KeywordPlanner.builder()
                .withRules(List.of(IntentRule.builder("hello", "say_hello")
                        .withTriggers("hello", "czesc")
                        .build()))
                .build();

        // when
        Plan restart = only.plan(Requests.offering("restart payments-api", "restart_service", "say_hello"));
        Plan hello = only.plan(Requests.offering("Cześć!", "say_hello"));

        // then
        assertThat(restart.isEmpty()).isTrue();
        assertThat(hello.steps()).containsExactly(new PlanStep("say_hello", Map.of()));
    }

    @Test
    void should_read_services_from_the_configured_catalog() {
        // given
        var catalog = ServiceCatalog.of(Map.of("billing", List.of("rozliczenia", "billing api")));
        var custom = KeywordPlanner.builder().withServiceCatalog(catalog).build();

        // when
        Plan polish = custom.plan(Requests.all("zrestartuj rozliczenia"));
        Plan alias = custom.plan(Requests.all("metrics for the Billing API"));
        Plan unknown = custom.plan(Requests.all("restart payments-api"));

        // then
        assertThat(polish.steps()).containsExactly(new PlanStep("restart_service", Map.of("service", "billing")));
        assertThat(alias.steps())
                .containsExactly(new PlanStep("get_metrics", Map.of("service", "billing", "window", "15m")));
        assertThat(unknown.steps()).isEmpty();
        assertThat(unknown.clarification()).hasValue("Which service should I restart? Known services: billing.");
    }

    @Test
    void should_ask_in_english_for_an_english_query() {
        // when
        Plan plan = planner.plan(Requests.all("please restart the coffee machine"));

        // then
        assertThat(plan.clarification())
                .hasValue("Which service should I restart? Known services: webapp, payments-api, search-service,"
                        + " database, api-gateway, auth-service.");
    }

    @Test
    void should_ask_in_polish_for_a_polish_query() {
        // when
        Plan restart = planner.plan(Requests.all("zrestartuj ekspres do kawy"));
        Plan ticket = planner.plan(Requests.all("jaki jest status mojego zgłoszenia?"));
        Plan weather = planner.plan(Requests.all("jaka będzie pogoda?"));

        // then
        assertThat(restart.clarification())
                .hasValue("Którą usługę mam zrestartować? Znane usługi: webapp, payments-api, search-service,"
                        + " database, api-gateway, auth-service.");
        assertThat(ticket.clarification())
                .hasValue("Którego zgłoszenia dotyczy pytanie? Podaj jego identyfikator, np. TKT-123.");
        assertThat(weather.clarification()).hasValue("Dla jakiego miasta mam sprawdzić pogodę?");
    }

    @Test
    void should_ask_in_english_when_an_english_query_only_names_a_polish_place() {
        // when
        Plan plan = planner.plan(Requests.all("please restart the printer in our Łódź office"));

        // then
        assertThat(plan.clarification())
                .hasValueSatisfying(q -> assertThat(q).startsWith("Which service should I restart?"));
    }

    @Test
    void should_ask_in_the_language_of_the_request_rather_than_guess_it() {
        // given
        var request = Requests.in(Language.PL, "restart");

        // when
        Plan plan = planner.plan(request);

        // then
        assertThat(plan.clarification()).hasValueSatisfying(q -> assertThat(q).startsWith("Którą usługę"));
    }

    @Test
    void should_take_the_title_from_the_title_line() {
        // given
        String input = "Please open a ticket.\ntytuł: Drukarka na 3 piętrze\nNie drukuje od rana, pilne.";

        // when
        Plan plan = planner.plan(Requests.all(input));

        // then
        assertThat(plan.steps())
                .containsExactly(new PlanStep(
                        "create_ticket",
                        Map.of(
                                "title",
                                "Drukarka na 3 piętrze",
                                "description",
                                "Tytuł: Drukarka na 3 piętrze\nNie drukuje od rana, pilne.",
                                "priority",
                                "high")));
    }

    @Test
    void should_keep_titles_within_120_characters() {
        // given
        String input = "Open a ticket about " + "the very slow and unreliable corporate VPN connection ".repeat(5);

        // when
        Plan plan = planner.plan(Requests.all(input));

        // then
        String title = (String) plan.steps().get(0).arguments().get("title");
        assertThat(title)
                .hasSizeLessThanOrEqualTo(120)
                .startsWith("The very slow")
                .endsWith("…");
    }

    @Test
    void should_plan_the_same_from_many_threads() {
        // given
        List<String> queries = List.of(
                "restart payments-api and show metrics for database",
                "pogoda w Krakowie",
                "check ticket TKT-123 status",
                "Załóż zgłoszenie: drukarka nie drukuje");
        List<Plan> expected =
                queries.stream().map(q -> planner.plan(Requests.all(q))).toList();

        // when
        List<Boolean> same = IntStream.range(0, 400)
                .parallel()
                .mapToObj(i -> planner.plan(Requests.all(queries.get(i % queries.size())))
                        .equals(expected.get(i % queries.size())))
                .toList();

        // then
        assertThat(same).containsOnly(true);
    }

    @Test
    void should_report_a_failing_extractor_as_a_planning_error_naming_the_intent() {
        // given
        var broken = KeywordPlanner.builder()
                .withRules(List.of(IntentRule.builder("broken", "do_it")
                        .withTriggers("do it")
                        .withArgument("x", context -> {
                            throw new IllegalStateException("boom");
                        })
                        .build()))
                .build();

        // when / then
        assertThatThrownBy(() -> broken.plan(Requests.offering("do it now", "do_it")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("'x'")
                .hasMessageContaining("'broken'");
    }

    @Test
    void should_lift_a_question_blocker_only_when_the_argument_is_found() {
        // given: "what is" blocks the trigger unless a catalog service is named in the sentence
        var rule = IntentRule.builder("latency", "get_metrics")
                .withTriggers("latency")
                .withBlockers("mean")
                .withArgument(
                        "service",
                        ArgumentExtractors.service(ServiceCatalog.defaults(), "Which service?", "Która usługa?"))
                .withBlockersUnlessFound("service", List.of("what is"))
                .build();
        var custom = KeywordPlanner.builder().withRules(List.of(rule)).build();

        // when
        Plan named = custom.plan(Requests.offering("what is the latency of webapp?", "get_metrics"));
        Plan definition = custom.plan(Requests.offering("what is latency?", "get_metrics"));
        Plan hardBlocked = custom.plan(Requests.offering("what is latency mean for webapp?", "get_metrics"));
        Plan otherSentence = custom.plan(Requests.offering("what is latency? webapp is fine.", "get_metrics"));

        // then
        assertThat(named.steps()).containsExactly(new PlanStep("get_metrics", Map.of("service", "webapp")));
        assertThat(definition.isEmpty()).isTrue();
        assertThat(hardBlocked.isEmpty()).isTrue();
        assertThat(otherSentence.isEmpty()).isTrue();
    }

    @Test
    void should_report_a_failing_lifting_extractor_as_a_planning_error_naming_the_intent() {
        // given
        var broken = KeywordPlanner.builder()
                .withRules(List.of(IntentRule.builder("broken", "do_it")
                        .withTriggers("do it")
                        .withArgument("x", context -> {
                            throw new IllegalStateException("boom");
                        })
                        .withBlockersUnlessFound("x", List.of("why"))
                        .build()))
                .build();

        // when / then
        assertThatThrownBy(() -> broken.plan(Requests.offering("why do it now", "do_it")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("'x'")
                .hasMessageContaining("'broken'");
    }

    @Test
    void should_say_a_tool_turned_off_in_the_deployment_is_not_available() {
        // given: get_weather is turned off, so the agent does not offer it
        var planner = KeywordPlanner.builder()
                .withUnavailableTools(List.of("get_weather"))
                .build();
        String[] offered = {"create_ticket", "get_ticket", "get_metrics", "restart_service"};

        // when
        Plan english = planner.plan(Requests.offering("what's the weather in Warsaw?", offered));
        Plan polish = planner.plan(Requests.offering("jaka jest pogoda w Krakowie?", offered));
        Plan withMetrics = planner.plan(Requests.offering("weather in Warsaw and metrics for webapp", offered));
        Plan unrelated = planner.plan(Requests.offering("how do I reset my VPN password?", offered));

        // then
        assertThat(english.steps()).isEmpty();
        assertThat(english.clarification()).hasValue("Weather is not available in this deployment.");
        assertThat(polish.clarification()).hasValue("Pogoda nie jest dostępna w tym wdrożeniu.");
        assertThat(withMetrics.steps())
                .containsExactly(new PlanStep("get_metrics", Map.of("service", "webapp", "window", "15m")));
        assertThat(unrelated.isEmpty()).isTrue();
    }

    @Test
    void should_name_the_tool_when_its_rule_has_no_unavailable_answer() {
        // given
        var planner = KeywordPlanner.builder()
                .withRules(List.of(IntentRule.builder("vpn_reset", "reset_vpn")
                        .withTriggers("reset ... vpn")
                        .build()))
                .withUnavailableTools(List.of("reset_vpn"))
                .build();

        // when
        Plan plan = planner.plan(Requests.offering("please reset my vpn", "get_metrics"));

        // then
        assertThat(plan.clarification()).hasValue("The tool reset_vpn is turned off in this deployment.");
    }

    @Test
    void should_answer_from_knowledge_when_the_agent_merely_does_not_offer_the_tool() {
        // given: no tool is turned off; the support agent just does not offer get_weather
        Plan plan = planner.plan(Requests.offering("what's the weather in Warsaw?", "create_ticket", "get_ticket"));

        // then
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void should_refuse_to_build_without_any_rule() {
        assertThatThrownBy(() -> KeywordPlanner.builder().withRules(List.of()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one rule");
    }

    @Test
    void should_name_the_missing_catalog() {
        assertThatThrownBy(() -> KeywordPlanner.builder().withServiceCatalog(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("catalog");
    }

    @Test
    void should_expose_the_default_rules_for_every_built_in_tool() {
        // when
        List<IntentRule> rules = KeywordPlanner.defaultRules(ServiceCatalog.defaults());

        // then
        assertThat(rules)
                .extracting(IntentRule::tool)
                .containsExactlyInAnyOrder(Requests.BUILT_IN.toArray(String[]::new));
        assertThat(planner.rules())
                .extracting(IntentRule::intent)
                .containsExactlyElementsOf(
                        rules.stream().map(IntentRule::intent).toList());
    }
}
