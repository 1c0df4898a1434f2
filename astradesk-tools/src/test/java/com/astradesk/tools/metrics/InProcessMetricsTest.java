package com.astradesk.tools.metrics;

import static com.astradesk.tools.testing.Calls.SRE;
import static com.astradesk.tools.testing.Calls.VIEWER;
import static com.astradesk.tools.testing.Calls.call;
import static com.astradesk.tools.testing.Calls.registry;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolExecution;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.tools.testing.Calls;
import com.astradesk.tools.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The embedded metrics read the process's own service registry, shared with the simulated restarts. */
class InProcessMetricsTest {
    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ToolRegistry registry = registry(
            ToolProviderContext.builder().withService(Clock.class, clock).build());

    @Test
    void should_report_uptime_since_start_when_nothing_was_restarted() {
        // given
        clock.advance(Duration.ofHours(2).plusMinutes(5));

        // when
        ToolResult result = metrics("payments-api", "15m", Language.EN);

        // then
        assertThat(result.summary())
                .isEqualTo("Metrics for payments-api, last 15m (in-process): uptime 2h 5m, restarts in window 0,"
                        + " restarts in total 0.");
        assertThat(result.data())
                .containsEntry("source", "in-process")
                .containsEntry("service", "payments-api")
                .containsEntry(
                        "metrics", Map.of("uptime_seconds", 7500.0, "restarts_in_window", 0.0, "restart_count", 0.0))
                .containsEntry("up_since", "2026-11-26T10:00:00Z")
                .doesNotContainKey("last_restart_at");
    }

    @Test
    void should_run_inline_on_the_callers_thread_because_it_never_blocks() {
        assertThat(registry.find("get_metrics").orElseThrow().execution()).isEqualTo(ToolExecution.INLINE);
        assertThat(registry.find("restart_service").orElseThrow().execution()).isEqualTo(ToolExecution.ISOLATED);
    }

    @Test
    void should_reflect_a_simulated_restart() {
        // given
        clock.advance(Duration.ofHours(3));
        ToolOutcome restart = registry.execute(call("restart_service", Map.of("service", "payments-api"), SRE));
        clock.advance(Duration.ofMinutes(4));

        // when
        ToolResult result = metrics("payments-api", "15m", Language.EN);
        ToolResult other = metrics("webapp", "15m", Language.EN);

        // then
        assertThat(restart.status()).isEqualTo(CallStatus.OK);
        assertThat(result.data())
                .containsEntry(
                        "metrics", Map.of("uptime_seconds", 240.0, "restarts_in_window", 1.0, "restart_count", 1.0))
                .containsEntry("last_restart_at", "2026-11-26T13:00:00Z")
                .containsEntry("up_since", "2026-11-26T13:00:00Z");
        assertThat(result.summary()).contains("uptime 4m 0s", "restarts in window 1", "restarts in total 1");
        assertThat(other.data())
                .containsEntry(
                        "metrics", Map.of("uptime_seconds", 11040.0, "restarts_in_window", 0.0, "restart_count", 0.0));
    }

    @Test
    void should_count_only_restarts_inside_the_window() {
        // given
        registry.execute(call("restart_service", Map.of("service", "database"), SRE));
        clock.advance(Duration.ofMinutes(30));
        registry.execute(call("restart_service", Map.of("service", "database"), SRE));
        clock.advance(Duration.ofMinutes(1));

        // when
        ToolResult last15m = metrics("database", "15m", Language.EN);
        ToolResult lastHour = metrics("database", "1h", Language.PL);

        // then
        assertThat(last15m.data())
                .containsEntry(
                        "metrics", Map.of("uptime_seconds", 60.0, "restarts_in_window", 1.0, "restart_count", 2.0));
        assertThat(lastHour.data()).containsEntry("window_seconds", 3600L);
        assertThat(lastHour.summary())
                .isEqualTo("Metryki database, ostatnie 1h (in-process): czas działania 1m 0s, restarty w oknie 2,"
                        + " restarty łącznie 2.");
    }

    @Test
    void should_say_that_an_asked_error_rate_is_not_available_and_how_to_get_it() {
        // given
        clock.advance(Duration.ofHours(2).plusMinutes(5));

        // when
        ToolResult result = asked("payments-api", "1h", Language.EN, "what's the error rate of payments-api?");

        // then: the asked metric comes first, named as unavailable, with what the backend does have after it
        assertThat(result.summary())
                .isEqualTo("Metrics for payments-api, last 1h (in-process). Error rate is not available from the"
                        + " in-process metrics backend, which records only uptime and restarts; configure"
                        + " PROMETHEUS_URL for traffic, error, latency, CPU and memory metrics. Available: uptime"
                        + " 2h 5m, restarts in window 0, restarts in total 0.");
        assertThat(result.data())
                .containsEntry("asked", List.of("error_ratio"))
                .containsEntry("unavailable", List.of("error_ratio"));
    }

    @Test
    void should_say_in_polish_that_asked_errors_and_latency_are_not_available() {
        // given
        clock.advance(Duration.ofMinutes(30));

        // when
        ToolResult result = asked(
                "payments-api",
                "1h",
                Language.PL,
                "ile błędów ma payments-api w ostatniej godzinie i jakie opóźnienie?");

        // then
        assertThat(result.summary())
                .isEqualTo("Metryki payments-api, ostatnie 1h (in-process). Niedostępne w backendzie metryk"
                        + " in-process: odsetek błędów, opóźnienie p95, opóźnienie p99 — rejestruje on tylko czas"
                        + " działania i restarty; ustaw PROMETHEUS_URL, by odczytywać ruch, błędy, opóźnienia, CPU i"
                        + " pamięć. Dostępne: czas działania 30m 0s, restarty w oknie 0, restarty łącznie 0.");
        assertThat(result.data())
                .containsEntry("unavailable", List.of("error_ratio", "p95_latency_seconds", "p99_latency_seconds"));
    }

    @Test
    void should_answer_an_asked_metric_it_has_first() {
        // given
        clock.advance(Duration.ofMinutes(10));

        // when
        ToolResult result = asked("webapp", "15m", Language.EN, "how many restarts did webapp have?");

        // then
        assertThat(result.summary())
                .isEqualTo("Metrics for webapp, last 15m (in-process). Asked for: restarts in window 0, restarts in"
                        + " total 0. Also: uptime 10m 0s.");
        assertThat(result.data()).containsEntry("unavailable", List.of());
    }

    @Test
    void should_report_everything_when_the_question_names_no_metric() {
        // when
        ToolResult result = asked("webapp", "15m", Language.EN, "how is webapp doing?");

        // then
        assertThat(result.summary())
                .isEqualTo("Metrics for webapp, last 15m (in-process): uptime 0s, restarts in window 0, restarts in"
                        + " total 0.");
        assertThat(result.data()).doesNotContainKeys("asked", "unavailable");
    }

    private ToolResult asked(String service, String window, Language language, String question) {
        ToolOutcome outcome = registry.execute(
                Calls.asked("get_metrics", Map.of("service", service, "window", window), VIEWER, language, question));
        assertThat(outcome.status()).as("get_metrics %s", outcome.error()).isEqualTo(CallStatus.OK);
        return outcome.result().orElseThrow();
    }

    private ToolResult metrics(String service, String window, Language language) {
        ToolOutcome outcome = registry.execute(
                call("get_metrics", Map.of("service", service, "window", window), VIEWER, language, Optional.empty()));
        assertThat(outcome.status()).as("get_metrics %s", outcome.error()).isEqualTo(CallStatus.OK);
        return outcome.result().orElseThrow();
    }
}
