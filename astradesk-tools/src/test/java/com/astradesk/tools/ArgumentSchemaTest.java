package com.astradesk.tools;

import static com.astradesk.tools.testing.Calls.SRE;
import static com.astradesk.tools.testing.Calls.call;
import static com.astradesk.tools.testing.Calls.registry;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.tools.service.ServiceStateRegistry;
import com.astradesk.tools.ticket.TicketBackend;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments are refused by the registry's schema check before any tool runs. */
class ArgumentSchemaTest {
    private final TicketBackend tickets = TicketBackend.inMemory();
    private final ServiceStateRegistry services =
            ServiceStateRegistry.create(ServiceCatalog.defaults(), Clock.systemUTC());
    private final ToolRegistry registry = registry(ToolProviderContext.builder()
            .withService(TicketBackend.class, tickets)
            .withService(ServiceStateRegistry.class, services)
            .build());

    static Stream<Arguments> badCalls() {
        return Stream.of(
                Arguments.of("get_ticket", Map.of("ticket_id", "42"), "ticket_id"),
                Arguments.of("get_ticket", Map.of("ticket_id", "tkt-42"), "ticket_id"),
                Arguments.of("get_ticket", Map.of("ticket_id", "TKT-42; drop"), "ticket_id"),
                Arguments.of("get_ticket", Map.of(), "ticket_id"),
                Arguments.of("get_metrics", Map.of("service", "webapp", "window", "15 minutes"), "window"),
                Arguments.of("get_metrics", Map.of("service", "webapp", "window", "-5m"), "window"),
                Arguments.of("get_metrics", Map.of("service", "webapp", "window", "15w"), "window"),
                Arguments.of("get_metrics", Map.of("service", "mainframe"), "service"),
                Arguments.of("get_metrics", Map.of("service", "payments"), "service"),
                Arguments.of("restart_service", Map.of("service", "mainframe"), "service"),
                Arguments.of("restart_service", Map.of(), "service"),
                Arguments.of("create_ticket", Map.of("title", "x".repeat(121), "description", "d"), "title"),
                Arguments.of(
                        "create_ticket", Map.of("title", "VPN", "description", "d", "priority", "urgent"), "priority"),
                Arguments.of("create_ticket", Map.of("title", "VPN"), "description"),
                Arguments.of("create_ticket", Map.of("title", "   ", "description", "d"), "title"),
                Arguments.of("create_ticket", Map.of("title", "VPN", "description", " \n "), "description"),
                Arguments.of("get_weather", Map.of("city", ""), "city"),
                Arguments.of("get_weather", Map.of("city", "x".repeat(101)), "city"),
                Arguments.of("get_weather", Map.of("city", "Warsaw", "units", "imperial"), "units"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badCalls")
    void should_reject_invalid_arguments_before_the_tool_runs(String tool, Map<String, Object> args, String field) {
        // when
        ToolOutcome outcome = registry.execute(call(tool, args, SRE));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.error())
                .hasValueSatisfying(e -> assertThat(e)
                        .startsWith("invalid arguments for '" + tool + "'")
                        .contains(field));
        assertThat(tickets.find("TKT-1")).isEmpty();
        assertThat(services.state("webapp").orElseThrow().restartCount()).isZero();
    }

    @Test
    void should_apply_the_default_window_and_priority() {
        // when
        ToolOutcome metrics = registry.execute(call("get_metrics", Map.of("service", "webapp"), SRE));
        ToolOutcome ticket =
                registry.execute(call("create_ticket", Map.of("title", "VPN", "description", "down"), SRE));

        // then
        assertThat(metrics.arguments()).containsEntry("window", "15m");
        assertThat(metrics.result().orElseThrow().data()).containsEntry("window_seconds", 900L);
        assertThat(ticket.result().orElseThrow().data()).containsEntry("priority", "medium");
    }

    @Test
    void should_refuse_a_zero_window_with_a_clear_error() {
        // when
        ToolOutcome outcome = registry.execute(call("get_metrics", Map.of("service", "webapp", "window", "0m"), SRE));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.error()).hasValue("window must be between 1s and 90d, was 0m");
    }
}
