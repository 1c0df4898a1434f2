package com.astradesk.examples;

import com.astradesk.core.text.Language;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolResult;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Small tools written for the embedded example: how an application adds its own capabilities. Each is a plain
 * {@link Tool}; the registry does the role checks, argument validation, timeouts and audit around them.
 */
final class ExampleTools {
    private ExampleTools() {}

    /** A tool from a descriptor and a function: enough for stand-ins and one-liners. */
    static Tool of(ToolDescriptor descriptor, Function<ToolCall, ToolResult> body) {
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ToolResult call(ToolCall call) {
                return body.apply(call);
            }
        };
    }

    /** {@code disk_usage}: a read tool anyone may call; reports real free space of a local path. */
    static Tool diskUsage() {
        ToolDescriptor d = ToolDescriptor.builder("disk_usage")
                .description("Shows used and free space of a local file system path.")
                .argumentsSchema(Map.of(
                        "type",
                        "object",
                        "additionalProperties",
                        false,
                        "properties",
                        Map.of("path", Map.of("type", "string", "maxLength", 512, "default", "/"))))
                .idempotent(true)
                .build();
        return of(d, call -> {
            String path = (String) call.arguments().get("path");
            try {
                FileStore store = Files.getFileStore(Path.of(path));
                long totalGb = store.getTotalSpace() >> 30;
                long freeGb = store.getUsableSpace() >> 30;
                long usedPct =
                        store.getTotalSpace() == 0 ? 0 : 100 - (100 * store.getUsableSpace() / store.getTotalSpace());
                String summary = call.language() == Language.PL
                        ? "Dysk " + path + ": zajęte " + usedPct + "%, wolne " + freeGb + " z " + totalGb + " GB."
                        : "Disk " + path + ": " + usedPct + "% used, " + freeGb + " of " + totalGb + " GB free.";
                return ToolResult.of(summary, Map.of("path", path, "used_percent", usedPct, "free_gb", freeGb));
            } catch (IOException | RuntimeException e) {
                throw new ToolFailureException("disk_usage", "cannot read disk usage of " + path);
            }
        });
    }

    /** An in-memory ticket desk behind {@code create_ticket} (write, roles) and {@code get_ticket} (read, roles). */
    static final class TicketDesk {
        private final AtomicInteger next = new AtomicInteger(1);
        private final Map<String, Map<String, Object>> tickets = new ConcurrentHashMap<>();
        private final Map<String, String> byIdempotencyKey = new ConcurrentHashMap<>();

        List<Tool> tools() {
            return List.of(createTicket(), getTicket());
        }

        private Tool createTicket() {
            ToolDescriptor d = ToolDescriptor.builder("create_ticket")
                    .description("Opens a support ticket.")
                    .sideEffect(SideEffect.WRITE)
                    .allowedRoles("it.support", "sre")
                    .argumentsSchema(Map.of(
                            "type",
                            "object",
                            "required",
                            List.of("title"),
                            "additionalProperties",
                            false,
                            "properties",
                            Map.of(
                                    "title", Map.of("type", "string", "minLength", 1, "maxLength", 120),
                                    "description", Map.of("type", "string", "maxLength", 8000),
                                    "priority", Map.of("enum", List.of("low", "medium", "high"), "default", "medium"))))
                    .build();
            return of(d, call -> {
                // a retried request carries the same derived key: answer with the ticket it already created
                String id = call.idempotencyKey()
                        .map(k -> byIdempotencyKey.computeIfAbsent(k, x -> newId()))
                        .orElseGet(this::newId);
                Map<String, Object> ticket = Map.of(
                        "ticket_id", id,
                        "title", call.arguments().get("title"),
                        "priority", call.arguments().get("priority"),
                        "reporter", call.principal().subject());
                tickets.putIfAbsent(id, ticket);
                String summary = call.language() == Language.PL
                        ? "Utworzono zgłoszenie " + id + ": " + ticket.get("title") + "."
                        : "Created ticket " + id + ": " + ticket.get("title") + ".";
                return ToolResult.of(summary, tickets.get(id));
            });
        }

        private Tool getTicket() {
            ToolDescriptor d = ToolDescriptor.builder("get_ticket")
                    .description("Shows a support ticket.")
                    .allowedRoles("it.support", "sre")
                    .argumentsSchema(Map.of(
                            "type", "object",
                            "required", List.of("ticket_id"),
                            "properties", Map.of("ticket_id", Map.of("type", "string", "pattern", "^TKT-\\d+$"))))
                    .idempotent(true)
                    .build();
            return of(d, call -> {
                String id = (String) call.arguments().get("ticket_id");
                Map<String, Object> ticket = tickets.get(id);
                if (ticket == null) {
                    throw new ToolFailureException("get_ticket", "ticket " + id + " does not exist");
                }
                String summary = call.language() == Language.PL
                        ? "Zgłoszenie " + id + ": " + ticket.get("title") + " (priorytet " + ticket.get("priority")
                                + ")."
                        : "Ticket " + id + ": " + ticket.get("title") + " (priority " + ticket.get("priority") + ").";
                return ToolResult.of(summary, ticket);
            });
        }

        private String newId() {
            return "TKT-" + next.getAndIncrement();
        }
    }

    /** Stand-ins for the ops tools of {@code astradesk-tools}, used only when that module supplies none. */
    static List<Tool> opsStandIns() {
        Map<String, Object> serviceArg = Map.of(
                "type", "object",
                "required", List.of("service"),
                "properties", Map.of("service", Map.of("type", "string")));
        return List.of(
                of(
                        ToolDescriptor.builder("get_metrics")
                                .description("Shows a service's key metrics (stand-in: fixed numbers).")
                                .argumentsSchema(serviceArg)
                                .build(),
                        call -> ToolResult.of(
                                call.arguments().get("service") + ": p95 latency 180 ms, error rate 0.2% (15m).",
                                Map.of("p95_ms", 180, "error_rate", 0.002))),
                of(
                        ToolDescriptor.builder("restart_service")
                                .description("Restarts a service (stand-in: pretends to).")
                                .sideEffect(SideEffect.EXECUTE)
                                .allowedRoles("sre")
                                .argumentsSchema(serviceArg)
                                .build(),
                        call -> ToolResult.of(
                                call.language() == Language.PL
                                        ? "Zrestartowano " + call.arguments().get("service") + "."
                                        : "Restarted " + call.arguments().get("service") + ".",
                                Map.of("service", call.arguments().get("service")))),
                of(
                        ToolDescriptor.builder("get_weather")
                                .description("Current weather in a city (stand-in: always mild).")
                                .argumentsSchema(Map.of(
                                        "type", "object",
                                        "required", List.of("city"),
                                        "properties", Map.of("city", Map.of("type", "string"))))
                                .build(),
                        call -> ToolResult.of(
                                call.language() == Language.PL
                                        ? "Pogoda w " + call.arguments().get("city") + ": 18°C, pochmurno."
                                        : "Weather in " + call.arguments().get("city") + ": 18°C, cloudy.",
                                Map.of("temp_c", 18))));
    }
}
