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
                .withDescription("Shows used and free space of a local file system path.")
                .withArgumentsSchema(Map.of(
                        "type",
                        "object",
                        "additionalProperties",
                        false,
                        "properties",
                        Map.of("path", Map.of("type", "string", "maxLength", 512, "default", "/"))))
                .withIdempotent(true)
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

    /**
     * {@code request_access}: a write tool with roles; records an access request in memory. Like {@code
     * create_ticket}, it honours the idempotency key, so a retried request does not file a second request.
     */
    static Tool requestAccess() {
        AtomicInteger next = new AtomicInteger(1);
        Map<String, String> byKey = new ConcurrentHashMap<>();
        ToolDescriptor d = ToolDescriptor.builder("request_access")
                .withDescription("Files a request for access to a system on behalf of a user.")
                .withSideEffect(SideEffect.WRITE)
                .withAllowedRoles("it.support")
                .withArgumentsSchema(Map.of(
                        "type",
                        "object",
                        "required",
                        List.of("system", "user"),
                        "additionalProperties",
                        false,
                        "properties",
                        Map.of(
                                "system", Map.of("enum", List.of("vpn", "jira", "grafana")),
                                "user", Map.of("type", "string", "minLength", 1, "maxLength", 64),
                                "days", Map.of("type", "integer", "minimum", 1, "maximum", 90, "default", 30))))
                .build();
        return of(d, call -> {
            String id = call.idempotencyKey()
                    .map(k -> byKey.computeIfAbsent(k, x -> "ACC-" + next.getAndIncrement()))
                    .orElseGet(() -> "ACC-" + next.getAndIncrement());
            Map<String, Object> a = call.arguments();
            String summary = call.language() == Language.PL
                    ? "Złożono wniosek " + id + ": dostęp do " + a.get("system") + " dla " + a.get("user") + " na "
                            + a.get("days") + " dni."
                    : "Filed " + id + ": " + a.get("system") + " access for " + a.get("user") + " for " + a.get("days")
                            + " days.";
            return ToolResult.of(summary, Map.of("request_id", id, "system", a.get("system"), "user", a.get("user")));
        });
    }
}
