package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertRulesTest {
    private static final String CONFIG = """
            {"channels": {"log": false},
             "rules": [
              {"name": "denied-execute", "type": "denied_side_effect", "side_effects": ["execute"]},
              {"name": "denial-burst", "type": "denial_burst", "threshold": 3, "window": "PT5M"},
              {"name": "restart-off-hours", "type": "outside_window", "actions": ["restart_service"],
               "allowed": "Mon-Fri 08:00-18:00 Europe/Warsaw"}]}
            """;
    // Thursday 2026-11-26; Warsaw is UTC+1 in November
    private static final Instant THURSDAY_NOON_WARSAW = Instant.parse("2026-11-26T11:00:00Z");

    private final List<Alert> delivered = new ArrayList<>();
    private final AlertEvaluator evaluator = new AlertEvaluator(
            AlertRules.parse(CONFIG), List.of(delivered::add), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private static AuditRecord event(String actor, String tool, String sideEffect, AuditDecision d, Instant ts) {
        return AuditTestEvents.record(actor, tool, d, Optional.of(tool), Optional.of(sideEffect), ts);
    }

    @Test
    void should_alert_on_a_denied_execute_tool_but_not_on_a_denied_read() {
        // when
        List<Alert> execute = evaluator.evaluate(
                event("bob", "restart_service", "execute", AuditDecision.DENIED, THURSDAY_NOON_WARSAW));
        List<Alert> read =
                evaluator.evaluate(event("carol", "get_ticket", "read", AuditDecision.DENIED, THURSDAY_NOON_WARSAW));

        // then
        assertThat(execute).extracting(Alert::rule).containsExactly("denied-execute");
        assertThat(read).isEmpty();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).toWire()).containsEntry("actor", "bob").containsEntry("tool", "restart_service");
    }

    @Test
    void should_alert_once_when_one_principal_reaches_the_denial_threshold_inside_the_window() {
        // given: three denials for dave within 5 minutes, one for erin
        Instant t = THURSDAY_NOON_WARSAW;

        // when
        List<Alert> first = evaluator.evaluate(event("dave", "get_ticket", "read", AuditDecision.DENIED, t));
        List<Alert> other = evaluator.evaluate(event("erin", "get_ticket", "read", AuditDecision.DENIED, t));
        List<Alert> second =
                evaluator.evaluate(event("dave", "get_ticket", "read", AuditDecision.DENIED, t.plusSeconds(60)));
        List<Alert> third =
                evaluator.evaluate(event("dave", "get_ticket", "read", AuditDecision.DENIED, t.plusSeconds(120)));
        List<Alert> fourth =
                evaluator.evaluate(event("dave", "get_ticket", "read", AuditDecision.DENIED, t.plusSeconds(130)));

        // then
        assertThat(first).isEmpty();
        assertThat(other).isEmpty();
        assertThat(second).isEmpty();
        assertThat(third).extracting(Alert::rule).containsExactly("denial-burst");
        assertThat(third.get(0).summary()).contains("dave");
        assertThat(fourth).as("count starts again after firing").isEmpty();
    }

    @Test
    void should_not_count_denials_that_fell_out_of_the_sliding_window() {
        Instant t = THURSDAY_NOON_WARSAW;
        evaluator.evaluate(event("frank", "get_ticket", "read", AuditDecision.DENIED, t));
        evaluator.evaluate(event("frank", "get_ticket", "read", AuditDecision.DENIED, t.plus(Duration.ofMinutes(4))));

        List<Alert> late = evaluator.evaluate(
                event("frank", "get_ticket", "read", AuditDecision.DENIED, t.plus(Duration.ofMinutes(6))));

        assertThat(late).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-26T11:00:00Z, false", // Thu 12:00 Warsaw: inside
        "2026-11-26T06:59:00Z, true", // Thu 07:59 Warsaw: before opening
        "2026-11-26T17:00:00Z, true", // Thu 18:00 Warsaw: closing time is exclusive
        "2026-11-28T11:00:00Z, true" // Saturday noon
    })
    void should_alert_on_an_allowed_restart_outside_the_allowed_window(String ts, boolean alerts) {
        List<Alert> fired = evaluator.evaluate(
                event("sre-anna", "restart_service", "execute", AuditDecision.ALLOWED, Instant.parse(ts)));

        assertThat(fired.stream().anyMatch(a -> a.rule().equals("restart-off-hours")))
                .isEqualTo(alerts);
    }

    @Test
    void should_watch_any_execute_tool_off_hours_by_default_without_naming_it() {
        AlertEvaluator defaults =
                new AlertEvaluator(AlertRules.defaults(), List.of(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        Instant saturday = Instant.parse("2026-11-28T11:00:00Z");

        List<Alert> newTool = defaults.evaluate(event("ivy", "reset_vpn", "execute", AuditDecision.ALLOWED, saturday));
        List<Alert> read = defaults.evaluate(event("ivy", "get_ticket", "read", AuditDecision.ALLOWED, saturday));

        assertThat(newTool).extracting(Alert::rule).containsExactly("execute-outside-window");
        assertThat(read).isEmpty();
        assertThat(AlertRules.parse("""
                        {"rules": [{"name": "x", "type": "outside_window", "side_effects": ["execute"],
                                    "allowed": "Mon-Fri 08:00-18:00 UTC"}]}
                        """).rules())
                .singleElement()
                .satisfies(r ->
                        assertThat(((AlertRule.OutsideWindow) r).sideEffects()).containsExactly("execute"));
    }

    @Test
    void should_raise_nothing_for_a_redelivered_event() {
        AuditRecord denied = event("bob", "restart_service", "execute", AuditDecision.DENIED, THURSDAY_NOON_WARSAW);

        evaluator.evaluate(denied);
        List<Alert> again = evaluator.evaluate(denied);

        assertThat(again).isEmpty();
        assertThat(delivered).hasSize(1);
    }

    @Test
    void should_post_alerts_as_json_to_the_webhook() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            // given
            AlertRules rules = AlertRules.parse(CONFIG.replace(
                    "{\"log\": false}", "{\"log\": true, \"webhook\": {\"url\": \"" + hook.url() + "\"}}"));
            AlertEvaluator withHook = new AlertEvaluator(rules);

            // when
            withHook.evaluate(event("bob", "restart_service", "execute", AuditDecision.DENIED, THURSDAY_NOON_WARSAW));

            // then
            assertThat(hook.bodies).hasSize(1);
            assertThat(hook.bodies.get(0))
                    .contains("\"rule\":\"denied-execute\"")
                    .contains("\"actor\":\"bob\"")
                    .contains("\"decision\":\"denied\"");
        }
    }

    @Test
    void should_read_the_allowed_window_in_any_order() {
        AllowedWindow w = AllowedWindow.parse("08:00-18:00 Europe/Warsaw Mon-Fri");

        assertThat(w.days())
                .containsExactlyInAnyOrder(
                        DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(w.contains(THURSDAY_NOON_WARSAW)).isTrue();
        assertThat(AllowedWindow.parse("22:00-06:00 UTC").contains(Instant.parse("2026-11-26T02:00:00Z")))
                .as("window across midnight")
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not json|not valid JSON",
                "{\"rules\":[{\"name\":\"x\",\"type\":\"bogus\"}]}|unknown type 'bogus'",
                "{\"rules\":[{\"name\":\"x\",\"type\":\"denial_burst\",\"threshold\":0,\"window\":\"PT1M\"}]}|threshold",
                "{\"rules\":[{\"name\":\"x\",\"type\":\"denial_burst\",\"threshold\":2,\"window\":\"10 minutes\"}]}|'window'",
                "{\"rules\":[{\"name\":\"x\",\"type\":\"outside_window\",\"actions\":[\"a\"],\"allowed\":\"Mon-Fri Mars/Base\"}]}|Mars/Base",
                "{\"channels\":{\"webhook\":{\"url\":\"ftp://x\"}}}|channels.webhook.url"
            })
    void should_reject_bad_configuration_naming_the_problem(String json, String message) {
        assertThatThrownBy(() -> AlertRules.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
