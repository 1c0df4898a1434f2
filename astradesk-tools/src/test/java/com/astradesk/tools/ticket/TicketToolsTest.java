package com.astradesk.tools.ticket;

import static com.astradesk.tools.testing.Calls.IT_SUPPORT;
import static com.astradesk.tools.testing.Calls.SRE;
import static com.astradesk.tools.testing.Calls.call;
import static com.astradesk.tools.testing.Calls.registry;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.tools.testing.MutableClock;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TicketToolsTest {
    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final TicketBackend tickets = TicketBackend.inMemory(clock);
    private final ToolRegistry registry = registry(ToolProviderContext.builder()
            .withService(TicketBackend.class, tickets)
            .withService(Clock.class, clock)
            .build());

    @Test
    void should_create_a_ticket_and_say_so() {
        // when
        ToolOutcome outcome = registry.execute(call(
                "create_ticket",
                Map.of("title", "VPN down", "description", "cannot connect from home", "priority", "high"),
                IT_SUPPORT));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.OK);
        var result = outcome.result().orElseThrow();
        assertThat(result.summary()).isEqualTo("Created ticket TKT-1 (priority high): VPN down");
        assertThat(result.data())
                .containsEntry("ticket_id", "TKT-1")
                .containsEntry("priority", "high")
                .containsEntry("status", "open")
                .containsEntry("reporter", "alice")
                .containsEntry("created_at", "2026-11-26T10:00:00Z");
        assertThat(tickets.find("TKT-1")).hasValueSatisfying(t -> {
            assertThat(t.description()).isEqualTo("cannot connect from home");
            assertThat(t.priority()).isEqualTo(TicketPriority.HIGH);
        });
    }

    @Test
    void should_word_the_summary_in_polish_when_the_call_is_polish() {
        // when
        ToolOutcome outcome = registry.execute(call(
                "create_ticket",
                Map.of("title", "Nie działa VPN", "description", "brak połączenia"),
                IT_SUPPORT,
                Language.PL,
                Optional.empty()));

        // then
        assertThat(outcome.result().orElseThrow().summary())
                .isEqualTo("Utworzono zgłoszenie TKT-1 (priorytet średni): Nie działa VPN");
    }

    @Test
    void should_return_the_same_ticket_when_the_same_idempotency_key_repeats() {
        // given
        Map<String, Object> args = Map.of("title", "VPN down", "description", "cannot connect");
        Optional<String> key = Optional.of("key-1");

        // when
        ToolOutcome first = registry.execute(call("create_ticket", args, IT_SUPPORT, Language.EN, key));
        ToolOutcome repeat = registry.execute(call("create_ticket", args, IT_SUPPORT, Language.EN, key));

        // then
        assertThat(first.result().orElseThrow().data()).containsEntry("ticket_id", "TKT-1");
        assertThat(repeat.result().orElseThrow().data())
                .isEqualTo(first.result().orElseThrow().data());
        assertThat(tickets.find("TKT-2")).isEmpty();
    }

    @Test
    void should_create_a_new_ticket_for_a_different_key_or_no_key() {
        // given
        Map<String, Object> args = Map.of("title", "VPN down", "description", "cannot connect");

        // when
        var a = registry.execute(call("create_ticket", args, IT_SUPPORT, Language.EN, Optional.of("key-1")));
        var b = registry.execute(call("create_ticket", args, IT_SUPPORT, Language.EN, Optional.of("key-2")));
        var c = registry.execute(call("create_ticket", args, IT_SUPPORT));

        // then
        assertThat(a.result().orElseThrow().data()).containsEntry("ticket_id", "TKT-1");
        assertThat(b.result().orElseThrow().data()).containsEntry("ticket_id", "TKT-2");
        assertThat(c.result().orElseThrow().data()).containsEntry("ticket_id", "TKT-3");
    }

    @Test
    void should_not_share_an_idempotency_key_between_reporters() {
        // given
        Map<String, Object> args = Map.of("title", "VPN down", "description", "cannot connect");
        Optional<String> key = Optional.of("same-key");

        // when
        var alice = registry.execute(call("create_ticket", args, IT_SUPPORT, Language.EN, key));
        var sam = registry.execute(call("create_ticket", args, SRE, Language.EN, key));

        // then
        assertThat(alice.result().orElseThrow().data()).containsEntry("reporter", "alice");
        assertThat(sam.result().orElseThrow().data())
                .containsEntry("ticket_id", "TKT-2")
                .containsEntry("reporter", "sam");
    }

    @Test
    void should_read_an_existing_ticket() {
        // given
        tickets.create("Printer jam", "floor 3", TicketPriority.LOW, "bob", Optional.empty());

        // when
        ToolOutcome outcome = registry.execute(call("get_ticket", Map.of("ticket_id", "TKT-1"), SRE));

        // then
        var result = outcome.result().orElseThrow();
        assertThat(result.summary()).isEqualTo("Ticket TKT-1 (open, priority low): Printer jam");
        assertThat(result.data()).containsEntry("reporter", "bob").containsEntry("description", "floor 3");
    }

    @Test
    void should_report_an_unknown_ticket_clearly() {
        // when
        ToolOutcome en = registry.execute(call("get_ticket", Map.of("ticket_id", "TKT-999"), IT_SUPPORT));
        ToolOutcome pl = registry.execute(
                call("get_ticket", Map.of("ticket_id", "TKT-999"), IT_SUPPORT, Language.PL, Optional.empty()));

        // then
        assertThat(en.status()).isEqualTo(CallStatus.ERROR);
        assertThat(en.error()).hasValue("Ticket TKT-999 not found");
        assertThat(pl.error()).hasValue("Nie znaleziono zgłoszenia TKT-999");
    }
}
