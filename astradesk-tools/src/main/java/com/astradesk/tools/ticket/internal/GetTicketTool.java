package com.astradesk.tools.ticket.internal;

import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.support.internal.Texts;
import com.astradesk.tools.ticket.Ticket;
import com.astradesk.tools.ticket.TicketBackend;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code get_ticket}: reads one ticket by id. Thread-safe. */
public final class GetTicketTool implements Tool {
    private final TicketBackend backend;
    private final ToolDescriptor descriptor;

    public GetTicketTool(TicketBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.descriptor = ToolDescriptor.builder(BuiltinTools.GET_TICKET)
                .withDescription("Shows the status, priority and title of one IT ticket by its id, e.g. TKT-42.")
                .withSideEffect(SideEffect.READ)
                .withAllowedRoles(BuiltinTools.ROLE_IT_SUPPORT, BuiltinTools.ROLE_SRE)
                .withIdempotent(true)
                .withArgumentsSchema(Map.of(
                        "type",
                        "object",
                        "additionalProperties",
                        false,
                        "required",
                        List.of("ticket_id"),
                        "properties",
                        Map.of(
                                "ticket_id",
                                Map.of(
                                        "type",
                                        "string",
                                        "pattern",
                                        backend.idPattern(),
                                        "maxLength",
                                        32,
                                        "description",
                                        "ticket id, e.g. TKT-42 (with Jira: the issue key)"))))
                .build();
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String id = call.arguments().get("ticket_id").toString();
        Ticket ticket = backend.find(id)
                .orElseThrow(() -> new ToolFailureException(
                        BuiltinTools.GET_TICKET,
                        Texts.pick(call.language(), "Ticket " + id + " not found", "Nie znaleziono zgłoszenia " + id)));
        String status = TicketWords.status(call.language(), ticket.status());
        String priority = TicketWords.priority(call.language(), ticket.priority());
        String summary = Texts.pick(
                call.language(),
                "Ticket " + ticket.id() + " (" + status + ", priority " + priority + "): " + ticket.title(),
                "Zgłoszenie " + ticket.id() + " (" + status + ", priorytet " + priority + "): " + ticket.title());
        return ToolResult.of(summary, ticket.toData());
    }
}
