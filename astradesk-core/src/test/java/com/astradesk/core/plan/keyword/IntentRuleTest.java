package com.astradesk.core.plan.keyword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntentRuleTest {

    @Test
    void should_fold_phrases_so_diacritics_and_case_do_not_matter() {
        // when
        var rule = IntentRule.builder("restart", "restart_service")
                .withTriggers("Zrestartuj Usługę")
                .withBlockers("NIE Przeładowuj", "Don’t")
                .build();

        // then
        assertThat(rule.triggers()).containsExactly("zrestartuj usluge");
        assertThat(rule.blockers()).containsExactly("nie przeladowuj", "don't");
        assertThat(rule.placement()).isEqualTo(IntentRule.Placement.ANYWHERE);
    }

    @Test
    void should_reject_an_invalid_tool_name() {
        assertThatThrownBy(() -> IntentRule.builder("x", "Restart-Service")
                        .withTriggers("restart")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Restart-Service");
    }

    @Test
    void should_reject_a_rule_without_triggers() {
        assertThatThrownBy(() -> IntentRule.builder("idle", "do_nothing").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idle");
    }

    @Test
    void should_reject_a_phrase_that_starts_with_a_gap() {
        assertThatThrownBy(() -> IntentRule.builder("t", "create_ticket")
                        .withTriggers("... ticket")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("... ticket");
    }

    @Test
    void should_reject_a_blank_argument_name() {
        assertThatThrownBy(() -> IntentRule.builder("t", "create_ticket")
                        .withTriggers("ticket")
                        .withArgument(" ", ArgumentExtractors.wholeInput())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("argument names");
    }

    @Test
    void should_refuse_an_extraction_that_is_both_a_value_and_a_question() {
        assertThatThrownBy(() -> new Extraction(java.util.Optional.of("x"), java.util.Optional.of("which one?")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Extraction.clarify(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_fold_the_phrases_a_found_argument_lifts() {
        // when
        var rule = IntentRule.builder("metrics", "get_metrics")
                .withTriggers("latency")
                .withArgument("service", ArgumentExtractors.wholeInput())
                .withBlockersUnlessFound("service", java.util.List.of("What Is"))
                .build();

        // then
        assertThat(rule.blockersUnlessFound())
                .hasValue(new IntentRule.BlockersUnlessFound("service", java.util.List.of("what is")));
    }

    @Test
    void should_reject_blockers_lifted_by_an_argument_the_rule_does_not_read() {
        assertThatThrownBy(() -> IntentRule.builder("metrics", "get_metrics")
                        .withTriggers("latency")
                        .withBlockersUnlessFound("service", java.util.List.of("what is"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'service'")
                .hasMessageContaining("'metrics'");
    }

    @Test
    void should_reject_blockers_unless_found_without_phrases() {
        assertThatThrownBy(() -> new IntentRule.BlockersUnlessFound("service", java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one phrase");
    }
}
