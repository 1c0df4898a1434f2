package com.astradesk.tools.ticket.internal;

import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.support.internal.Texts;
import com.astradesk.tools.ticket.Ticket;
import com.astradesk.tools.ticket.TicketBackend;
import com.astradesk.tools.ticket.TicketPriority;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code create_ticket}: opens a ticket through the {@link TicketBackend}. Thread-safe. */
public final class CreateTicketTool implements Tool {
    /** Longest title accepted. */
    public static final int MAX_TITLE = 120;

    private static final ToolDescriptor DESCRIPTOR = ToolDescriptor.builder(BuiltinTools.CREATE_TICKET)
            .withDescription("Opens an IT support ticket with a short title, a description and a priority.")
            .withSideEffect(SideEffect.WRITE)
            .withAllowedRoles(BuiltinTools.ROLE_IT_SUPPORT, BuiltinTools.ROLE_SRE)
            .withIdempotent(true)
            .withArgumentsSchema(Map.of(
                    "type",
                    "object",
                    "additionalProperties",
                    false,
                    "required",
                    List.of("title", "description"),
                    "properties",
                    Map.of(
                            "title",
                            Map.of(
                                    "type", "string",
                                    "minLength", 1,
                                    "maxLength", MAX_TITLE,
                                    "pattern", "\\S",
                                    "description", "short summary of the problem"),
                            "description",
                            Map.of(
                                    "type", "string",
                                    "minLength", 1,
                                    "pattern", "\\S",
                                    "description", "what is wrong, in the user's words"),
                            "priority",
                            Map.of(
                                    "type", "string",
                                    "enum", List.of("low", "medium", "high"),
                                    "default", "medium"))))
            .build();

    private final TicketBackend backend;

    public CreateTicketTool(TicketBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult call(ToolCall call) {
        Map<String, Object> args = call.arguments();
        String title = args.get("title").toString().strip();
        String description = args.get("description").toString().strip();
        TicketPriority priority = TicketPriority.fromWire(String.valueOf(args.getOrDefault("priority", "medium")))
                .orElse(TicketPriority.MEDIUM);
        Ticket ticket =
                backend.create(title, description, priority, call.principal().subject(), call.idempotencyKey());
        String summary = Texts.pick(
                call.language(),
                "Created ticket " + ticket.id() + " (priority "
                        + TicketWords.priority(call.language(), ticket.priority()) + "): " + ticket.title(),
                "Utworzono zgłoszenie " + ticket.id() + " (priorytet "
                        + TicketWords.priority(call.language(), ticket.priority()) + "): " + ticket.title());
        return ToolResult.of(summary, ticket.toData());
    }
}
