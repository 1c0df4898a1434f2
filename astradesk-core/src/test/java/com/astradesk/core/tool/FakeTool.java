package com.astradesk.core.tool;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A tool that counts its calls and answers with a function of the call; for tests. Thread-safe. */
public final class FakeTool implements Tool {
    private final ToolDescriptor descriptor;
    private final Function<ToolCall, ToolResult> body;
    private final AtomicInteger calls = new AtomicInteger();
    private final java.util.List<ToolCall> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile ToolCall lastCall;

    public FakeTool(ToolDescriptor descriptor, Function<ToolCall, ToolResult> body) {
        this.descriptor = descriptor;
        this.body = body;
    }

    /** A tool that echoes its arguments as data, with the summary "did NAME". */
    public static FakeTool echo(ToolDescriptor descriptor) {
        return new FakeTool(descriptor, call -> ToolResult.of("did " + call.tool(), Map.copyOf(call.arguments())));
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult call(ToolCall call) {
        calls.incrementAndGet();
        lastCall = call;
        received.add(call);
        return body.apply(call);
    }

    /** How many times the tool body ran. */
    public int calls() {
        return calls.get();
    }

    /** Every call the tool received, in order. */
    public java.util.List<ToolCall> received() {
        return java.util.List.copyOf(received);
    }

    /** The last call the tool received, or null. */
    public ToolCall lastCall() {
        return lastCall;
    }
}
