package com.astradesk.tools;

import static com.astradesk.tools.testing.Calls.call;
import static com.astradesk.tools.testing.Calls.principal;
import static com.astradesk.tools.testing.Calls.registry;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.tools.service.ServiceStateRegistry;
import com.astradesk.tools.ticket.TicketBackend;
import com.astradesk.tools.ticket.TicketPriority;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may call which built-in tool, decided by the registry's policy (tool × role). */
class BuiltinToolsRbacTest {
    private final TicketBackend tickets = TicketBackend.inMemory();
    private final ServiceStateRegistry services =
            ServiceStateRegistry.create(ServiceCatalog.defaults(), Clock.systemUTC());
    private final ToolRegistry registry = registry(ToolProviderContext.builder()
            .withService(TicketBackend.class, tickets)
            .withService(ServiceStateRegistry.class, services)
            .build());

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @CsvSource({
        "create_ticket,   it.support, allowed",
        "create_ticket,   sre,        allowed",
        "create_ticket,   viewer,     denied",
        "get_ticket,      it.support, allowed",
        "get_ticket,      sre,        allowed",
        "get_ticket,      viewer,     denied",
        "get_metrics,     it.support, allowed",
        "get_metrics,     sre,        allowed",
        "get_metrics,     viewer,     allowed",
        "restart_service, it.support, denied",
        "restart_service, sre,        allowed",
        "restart_service, viewer,     denied",
        "get_weather,     it.support, allowed",
        "get_weather,     sre,        allowed",
        "get_weather,     viewer,     allowed"
    })
    void should_allow_or_deny_each_tool_by_role(String tool, String role, String expected) {
        // given
        var seeded = tickets.create("seed", "seed", TicketPriority.LOW, "x", Optional.empty());

        // when
        ToolOutcome outcome = registry.execute(call(tool, arguments(tool, seeded.id()), principal(role)));

        // then
        if (expected.equals("denied")) {
            assertThat(outcome.status()).isEqualTo(CallStatus.DENIED);
            assertThat(outcome.denial()).hasValueSatisfying(d -> {
                assertThat(d.tool()).isEqualTo(tool);
                assertThat(d.requiredRoles())
                        .isEqualTo(registry.find(tool).orElseThrow().allowedRoles());
            });
            assertThat(outcome.result()).isEmpty();
        } else {
            assertThat(outcome.status()).isNotEqualTo(CallStatus.DENIED);
            if (!tool.equals("get_weather")) {
                assertThat(outcome.status()).isEqualTo(CallStatus.OK);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"viewer", "it.support"})
    void should_not_restart_anything_when_the_caller_lacks_the_sre_role(String role) {
        // when
        ToolOutcome outcome =
                registry.execute(call("restart_service", Map.of("service", "payments-api"), principal(role)));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.DENIED);
        assertThat(outcome.error()).hasValueSatisfying(e -> assertThat(e).contains("restart_service", "sre"));
        assertThat(services.state("payments-api").orElseThrow().restartCount()).isZero();
    }

    @Test
    void should_not_create_a_ticket_when_a_viewer_asks() {
        // when
        ToolOutcome outcome =
                registry.execute(call("create_ticket", Map.of("title", "t", "description", "d"), principal("viewer")));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.DENIED);
        assertThat(tickets.find("TKT-1")).isEmpty();
    }

    private static Map<String, Object> arguments(String tool, String ticketId) {
        return switch (tool) {
            case "create_ticket" -> Map.of("title", "VPN down", "description", "cannot connect");
            case "get_ticket" -> Map.of("ticket_id", ticketId);
            case "get_metrics" -> Map.of("service", "webapp");
            case "restart_service" -> Map.of("service", "webapp");
            case "get_weather" -> Map.of("city", "Warsaw");
            default -> throw new IllegalArgumentException(tool);
        };
    }
}
