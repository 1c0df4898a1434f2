package com.astradesk.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.redaction.RedactionRule;
import com.astradesk.core.redaction.Redactor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ToolRegistryRedactionTest {
    private static final Principal SUPPORT = Principal.of("ana", "it.support");
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private final FakeTool createTicket = FakeTool.echo(ToolDescriptor.builder("create_ticket")
            .withSideEffect(SideEffect.WRITE)
            .withAllowedRoles("it.support")
            .build());

    private static Map<String, Object> ticketArgs() {
        return Map.of(
                "title", "VPN broken",
                "description", "call me at +48 601 234 567 or jan@example.com, my password=hunter2");
    }

    @Test
    void should_redact_audited_arguments_by_default_but_hand_the_tool_the_real_ones() {
        // given
        ToolRegistry registry = ToolRegistry.builder()
                .withTool(createTicket)
                .withAuditSink(audit::add)
                .build();

        // when
        ToolOutcome outcome = registry.execute(ToolCall.of("create_ticket", ticketArgs(), SUPPORT));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.OK);
        assertThat(createTicket.lastCall().arguments()).isEqualTo(ticketArgs());
        assertThat(outcome.audit()).isEqualTo(audit.get(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> audited = (Map<String, Object>) audit.get(0).args().get("arguments");
        assertThat(audited).containsEntry("title", "VPN broken");
        assertThat((String) audited.get("description"))
                .contains("[REDACTED:phone]", "[REDACTED:email]", "password=[REDACTED:secret]")
                .doesNotContain("601 234 567", "jan@example.com", "hunter2");
    }

    @Test
    void should_redact_the_audited_error_text() {
        // given
        FakeTool failing = new FakeTool(ToolDescriptor.builder("get_ticket").build(), call -> {
            throw new ToolFailureException("get_ticket", "no ticket for jan@example.com");
        });
        ToolRegistry registry = ToolRegistry.builder()
                .withTool(failing)
                .withAuditSink(audit::add)
                .build();

        // when
        ToolOutcome outcome = registry.execute(ToolCall.of("get_ticket", Map.of(), SUPPORT));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(audit.get(0).args()).containsEntry("error", "no ticket for [REDACTED:email]");
    }

    @Test
    void should_use_the_redactor_it_is_given() {
        // given
        Redactor onlyTitles = Redactor.of(List.of(RedactionRule.of("vpn", "VPN")));
        ToolRegistry registry = ToolRegistry.builder()
                .withTool(createTicket)
                .withAuditSink(audit::add)
                .withRedactor(onlyTitles)
                .build();

        // when
        registry.execute(ToolCall.of("create_ticket", ticketArgs(), SUPPORT));

        // then
        @SuppressWarnings("unchecked")
        Map<String, Object> audited = (Map<String, Object>) audit.get(0).args().get("arguments");
        assertThat(audited)
                .containsEntry("title", "[REDACTED:vpn] broken")
                .containsEntry("description", ticketArgs().get("description"));
    }
}
