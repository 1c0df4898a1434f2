package com.astradesk.core.testing;

import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tool that records every call it receives and answers "done". Thread-safe. */
public final class RecordingTool implements Tool {
    private final ToolDescriptor descriptor;
    private final List<ToolCall> calls = new CopyOnWriteArrayList<>();

    public RecordingTool(ToolDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** A {@code restart_service} like the built-in one, plus an {@code env} argument defaulting to {@code prod}. */
    public static RecordingTool restartService() {
        return new RecordingTool(ToolDescriptor.builder("restart_service")
                .withDescription("Restarts a service")
                .withSideEffect(SideEffect.EXECUTE)
                .withAllowedRoles("sre")
                .withApprovalInProduction(true)
                .withArgumentsSchema(Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of(
                                "service", Map.of("type", "string"),
                                "env",
                                        Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                List.of("dev", "staging", "prod"),
                                                "default",
                                                "prod")),
                        "required",
                        List.of("service"),
                        "additionalProperties",
                        false))
                .build());
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult call(ToolCall call) {
        calls.add(call);
        return ToolResult.of(
                "done", Map.of("service", String.valueOf(call.arguments().get("service"))));
    }

    /** Every call received, in order. */
    public List<ToolCall> calls() {
        return List.copyOf(calls);
    }
}
